import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '@/features/auth/components/LoginForm';
import { Trans, useT } from '@/i18n';
import { safeNextPath } from '@/lib/authorization';
import { useSession } from '@/lib/use-session';

interface LoginState {
  email?: string;
  signedUp?: boolean;
}

export function LoginRoute() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const loggedIn = useSession() !== '';
  const next = safeNextPath(searchParams.get('next'));

  // Already logged in (e.g. Back after logging in): nothing to do here.
  if (loggedIn) return <Navigate to={next} replace />;

  return (
    <>
      <title>{`${t('auth.login.heading')} · EventConnect`}</title>
      <h1>{t('auth.login.heading')}</h1>
      {state.signedUp ? (
        <p className="alert alert--success" role="status">
          {t('auth.login.signedUp')}
        </p>
      ) : null}
      <LoginForm
        initialEmail={state.email}
        onLoggedIn={() => void navigate(next, { replace: true })}
      />
      <p>
        <Link to="/forgot-password">{t('auth.login.forgot')}</Link>
      </p>
      <p>
        <Trans
          i18nKey="auth.login.newHere"
          components={{ a: <Link to={`/signup?${new URLSearchParams({ next }).toString()}`} /> }}
        />
      </p>
    </>
  );
}
