import { Link, useNavigate, useSearchParams } from 'react-router';
import { SignupForm } from '@/features/auth/components/SignupForm';
import { loginPath, safeNextPath } from '@/lib/authorization';

export function SignupRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNextPath(searchParams.get('next'));

  return (
    <>
      <title>Sign up · EventConnect</title>
      <h1>Create an account</h1>
      <p className="muted">
        Members register for events as themselves and see all their registrations in one place.
      </p>
      <SignupForm
        onSignedUp={(account) =>
          void navigate(loginPath(next), { state: { email: account.email, signedUp: true } })
        }
      />
      <p>
        Already have an account? <Link to={loginPath(next)}>Log in</Link>
      </p>
    </>
  );
}
