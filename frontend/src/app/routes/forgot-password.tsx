import { Link } from 'react-router';
import { ForgotPasswordForm } from '@/features/auth/components/ForgotPasswordForm';

/** /forgot-password: asks for a reset link by email. */
export function ForgotPasswordRoute() {
  return (
    <>
      <title>Forgot password · EventConnect</title>
      <h1>Forgot your password?</h1>
      <p>Enter the email of your account and we will send you a link to choose a new password.</p>
      <ForgotPasswordForm />
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </>
  );
}
