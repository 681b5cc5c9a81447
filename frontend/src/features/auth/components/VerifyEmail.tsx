import { useEffect } from 'react';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useVerifyEmail } from '../api/account-email';

// Tokens already sent from this tab: the effect runs twice in development (StrictMode), and a
// single-use token must not be spent twice.
const sent = new Set<string>();

/** The sign-up email's link: verifies at once (the token is single-use and scoped). */
export function VerifyEmail({ token }: { token: string }) {
  const t = useT();
  const verify = useVerifyEmail();
  const { mutate } = verify;
  useEffect(() => {
    if (!token || sent.has(token)) return;
    sent.add(token);
    mutate(token);
  }, [token, mutate]);

  if (!token) {
    return (
      <p className="alert alert--error" role="alert">
        {t('account.verifyEmail.noToken')}
      </p>
    );
  }
  if (verify.isSuccess) {
    return (
      <div className="alert alert--success" role="status" data-testid="email-verified-now">
        <p>{t('account.verifyEmail.done')}</p>
        <p>
          <Link to="/">{t('account.verifyEmail.findEvents')}</Link>
        </p>
      </div>
    );
  }
  if (verify.isError) {
    return <ProblemAlert error={verify.error} title={t('account.verifyEmail.failed')} />;
  }
  return <Loading label={t('account.verifyEmail.pending')} />;
}
