import { useEffect } from 'react';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useVerifyEmail } from '../api/account-email';

// Tokens already sent from this tab: the effect runs twice in development (StrictMode), and a
// single-use token must not be spent twice.
const sent = new Set<string>();

/** The sign-up email's link: verifies at once (the token is single-use and scoped). */
export function VerifyEmail({ token }: { token: string }) {
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
        This link is incomplete: it carries no token. Open the link from the email again.
      </p>
    );
  }
  if (verify.isSuccess) {
    return (
      <div className="alert alert--success" role="status" data-testid="email-verified-now">
        <p>Your email address is verified. Thank you!</p>
        <p>
          <Link to="/">Find events</Link>
        </p>
      </div>
    );
  }
  if (verify.isError) return <ProblemAlert error={verify.error} title="Could not verify" />;
  return <Loading label="Verifying your email address…" />;
}
