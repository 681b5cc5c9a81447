import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useT } from '@/i18n';
import { loginPath, ROLE_LABELS } from '@/lib/authorization';
import { useLogout } from '../api/logout';
import { useAuth } from './use-auth';

/** The header's account corner: who is logged in (and as what), or links to log in / sign up. */
export function UserMenu() {
  const t = useT();
  const { loggedIn, user } = useAuth();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  // Logging out leaves for the home page first and ends the session only once that page is on
  // screen: ended while a protected page (/me) is still shown, its RequireAuth would send the
  // person to /login. The router commits its pages in a transition, so "the navigate call has
  // returned" is not enough; the location this component sees is what is committed.
  const leaving = useRef(false);
  const { mutate: endSession } = logout;
  const home = location.pathname === '/';
  useEffect(() => {
    if (!home || !leaving.current) return;
    leaving.current = false;
    endSession();
  }, [home, endSession]);

  if (!loggedIn) {
    const onAuthPage = location.pathname === '/login' || location.pathname === '/signup';
    const next = onAuthPage ? '/' : `${location.pathname}${location.search}`;
    return (
      <ul className="nav-list user-menu" aria-label={t('nav.account')}>
        <li>
          <Link to={loginPath(next)}>{t('nav.logIn')}</Link>
        </li>
        <li>
          <Link to="/signup">{t('nav.signUp')}</Link>
        </li>
      </ul>
    );
  }

  return (
    <div className="user-menu" data-testid="user-menu">
      {user ? (
        <Link to="/me" className="user-menu__who">
          <span data-testid="user-name">{user.name}</span>{' '}
          <span className="role-badge" data-testid="user-role">
            {t(`roles.${user.role}`, { defaultValue: ROLE_LABELS[user.role] })}
          </span>
        </Link>
      ) : null}
      <button
        type="button"
        className="button button--small button--on-dark"
        disabled={logout.isPending}
        onClick={() => {
          if (home) {
            endSession();
            return;
          }
          leaving.current = true;
          void navigate('/', { replace: true });
        }}
      >
        {t('nav.logOut')}
      </button>
    </div>
  );
}
