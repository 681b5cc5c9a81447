import { useSearchParams } from 'react-router';
import { ResetPasswordForm } from '@/features/auth/components/ResetPasswordForm';

/** /reset-password?token= — the link of the password-reset email. */
export function ResetPasswordRoute() {
  const token = useSearchParams()[0].get('token') ?? '';
  return (
    <>
      <title>Choose a new password · EventConnect</title>
      <h1>Choose a new password</h1>
      <ResetPasswordForm token={token} />
    </>
  );
}
