import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import type { Me } from '@/types/api';
import { emailVerified, useResendVerification } from '../api/account-email';

/** Whether the account's email is verified (the server says so from Wave 2 on). */
export function EmailVerification({ user }: { user: Me }) {
  const t = useT();
  const verified = emailVerified(user);
  const resend = useResendVerification();
  if (verified === null) return null;
  return verified ? (
    <p className="alert alert--success" data-testid="email-verified" data-verified="true">
      {t('account.verification.verified')}
    </p>
  ) : (
    <div className="alert alert--info" data-testid="email-verified" data-verified="false">
      <p className="alert__title">{t('account.verification.title')}</p>
      <p>{t('account.verification.body', { email: user.email })}</p>
      <ProblemAlert error={resend.error} title={t('account.verification.resendFailed')} />
      {resend.isSuccess ? (
        <p role="status" data-testid="verification-resent">
          {t('account.verification.resent', { email: user.email })}
        </p>
      ) : (
        <button
          type="button"
          className="button button--small"
          disabled={resend.isPending}
          onClick={() => resend.mutate()}
        >
          {resend.isPending ? t('account.verification.sending') : t('account.verification.resend')}
        </button>
      )}
    </div>
  );
}
