import { useSearchParams } from 'react-router';
import { VerifyEmail } from '@/features/auth/components/VerifyEmail';

/** /verify-email?token= — the link of the sign-up email. */
export function VerifyEmailRoute() {
  const token = useSearchParams()[0].get('token') ?? '';
  return (
    <>
      <title>Verify your email · EventConnect</title>
      <h1>Verify your email address</h1>
      <VerifyEmail token={token} />
    </>
  );
}
