import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '@/features/auth/components/LoginForm';
import { safeNextPath } from '@/lib/authorization';
import { useSession } from '@/lib/use-session';

interface LoginState {
  email?: string;
  signedUp?: boolean;
}

export function LoginRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const loggedIn = useSession() !== '';
  const next = safeNextPath(searchParams.get('next'));

  // Already logged in (e.g. Back after logging in): nothing to do here.
  if (loggedIn) return <Navigate to={next} replace />;

  return (
    <>
      <title>Log in · EventConnect</title>
      <h1>Log in</h1>
      {state.signedUp ? (
        <p className="alert alert--success" role="status">
          Account created. Log in with your new password.
        </p>
      ) : null}
      <LoginForm
        initialEmail={state.email}
        onLoggedIn={() => void navigate(next, { replace: true })}
      />
      <p>
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
      <p>
        New here?{' '}
        <Link to={`/signup?${new URLSearchParams({ next }).toString()}`}>Create an account</Link>
      </p>
    </>
  );
}
