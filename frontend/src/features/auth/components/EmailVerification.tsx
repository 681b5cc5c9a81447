import { ProblemAlert } from '@/components/ProblemAlert';
import type { Me } from '@/types/api';
import { emailVerified, useResendVerification } from '../api/account-email';

/** Whether the account's email is verified (the server says so from Wave 2 on). */
export function EmailVerification({ user }: { user: Me }) {
  const verified = emailVerified(user);
  const resend = useResendVerification();
  if (verified === null) return null;
  return verified ? (
    <p className="alert alert--success" data-testid="email-verified" data-verified="true">
      Your email address is verified.
    </p>
  ) : (
    <div className="alert alert--info" data-testid="email-verified" data-verified="false">
      <p className="alert__title">Please verify your email address</p>
      <p>
        We sent a link to {user.email} when you signed up. Until you open it, guest registrations
        made with this address are not linked to your account.
      </p>
      <ProblemAlert error={resend.error} title="Could not send the link" />
      {resend.isSuccess ? (
        <p role="status" data-testid="verification-resent">
          A new link is on its way to {user.email}.
        </p>
      ) : (
        <button
          type="button"
          className="button button--small"
          disabled={resend.isPending}
          onClick={() => resend.mutate()}
        >
          {resend.isPending ? 'Sending…' : 'Resend verification email'}
        </button>
      )}
    </div>
  );
}
