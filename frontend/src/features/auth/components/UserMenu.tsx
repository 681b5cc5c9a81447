import { Link, useLocation, useNavigate } from 'react-router';
import { loginPath, ROLE_LABELS } from '@/lib/authorization';
import { useLogout } from '../api/logout';
import { useAuth } from './use-auth';

/** The header's account corner: who is logged in (and as what), or links to log in / sign up. */
export function UserMenu() {
  const { loggedIn, user } = useAuth();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();

  if (!loggedIn) {
    const onAuthPage = location.pathname === '/login' || location.pathname === '/signup';
    const next = onAuthPage ? '/' : `${location.pathname}${location.search}`;
    return (
      <ul className="nav-list user-menu" aria-label="Account">
        <li>
          <Link to={loginPath(next)}>Log in</Link>
        </li>
        <li>
          <Link to="/signup">Sign up</Link>
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
            {ROLE_LABELS[user.role]}
          </span>
        </Link>
      ) : null}
      <button
        type="button"
        className="button button--small button--on-dark"
        disabled={logout.isPending}
        onClick={() => {
          // Leave first, so a protected page does not bounce to /login on the way out.
          void navigate('/', { replace: true });
          logout.mutate();
        }}
      >
        Log out
      </button>
    </div>
  );
}
