import { Link, useNavigate, useSearchParams } from 'react-router';
import { SignupForm } from '@/features/auth/components/SignupForm';
import { showWelcome } from '@/features/auth/components/welcome';
import { Trans, useT } from '@/i18n';
import { loginPath, safeNextPath } from '@/lib/authorization';

export function SignupRoute() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNextPath(searchParams.get('next'));

  return (
    <>
      <title>{`${t('nav.signUp')} · EventConnect`}</title>
      <h1>{t('auth.signup.heading')}</h1>
      <p className="muted">{t('auth.signup.intro')}</p>
      <SignupForm
        onSignedUp={({ account, signedIn }) => {
          if (!signedIn) {
            // The account exists but the login right after failed: log in by hand.
            void navigate(loginPath(next), { state: { email: account.email, signedUp: true } });
            return;
          }
          showWelcome({
            name: account.name,
            email: account.email,
            pathname: new URL(next, window.location.origin).pathname,
          });
          // Replace: Back from there does not return to a sign-up form for a signed-in person.
          void navigate(next, { replace: true });
        }}
      />
      <p>
        <Trans
          i18nKey="auth.signup.haveAccount"
          components={{ a: <Link to={loginPath(next)} /> }}
        />
      </p>
    </>
  );
}
