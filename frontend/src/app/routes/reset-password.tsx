import { useSearchParams } from 'react-router';
import { ResetPasswordForm } from '@/features/auth/components/ResetPasswordForm';
import { useT } from '@/i18n';

/** /reset-password?token= — the link of the password-reset email. */
export function ResetPasswordRoute() {
  const t = useT();
  const token = useSearchParams()[0].get('token') ?? '';
  return (
    <>
      <title>{`${t('account.reset.title')} · EventConnect`}</title>
      <h1>{t('account.reset.heading')}</h1>
      <ResetPasswordForm token={token} />
    </>
  );
}
