import { useSearchParams } from 'react-router';
import { VerifyEmail } from '@/features/auth/components/VerifyEmail';
import { useT } from '@/i18n';

/** /verify-email?token= — the link of the sign-up email. */
export function VerifyEmailRoute() {
  const t = useT();
  const token = useSearchParams()[0].get('token') ?? '';
  return (
    <>
      <title>{`${t('account.verifyEmail.title')} · EventConnect`}</title>
      <h1>{t('account.verifyEmail.heading')}</h1>
      <VerifyEmail token={token} />
    </>
  );
}
