import { Link } from 'react-router';
import { ForgotPasswordForm } from '@/features/auth/components/ForgotPasswordForm';
import { useT } from '@/i18n';

/** /forgot-password: asks for a reset link by email. */
export function ForgotPasswordRoute() {
  const t = useT();
  return (
    <>
      <title>{`${t('account.forgot.title')} · EventConnect`}</title>
      <h1>{t('account.forgot.heading')}</h1>
      <p>{t('account.forgot.intro')}</p>
      <ForgotPasswordForm />
      <p>
        <Link to="/login">{t('account.forgot.back')}</Link>
      </p>
    </>
  );
}
