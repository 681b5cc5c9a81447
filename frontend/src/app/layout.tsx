import { Link, NavLink, Outlet } from 'react-router';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { useAuth, useResetOnSessionChange } from '@/features/auth/components/use-auth';
import { useLiveInbox } from '@/features/notifications/api/live-inbox';
import { InboxLink } from '@/features/notifications/components/InboxLink';
import { canCreateEvents, canViewAnalytics, isAdmin } from '@/lib/authorization';
import { useLiveConnection } from '@/lib/live';

/** The page frame: header with role-aware navigation and the account corner. */
export function Layout() {
  useResetOnSessionChange();
  useLiveConnection();
  useLiveInbox();
  const { loggedIn, user } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            EventConnect
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  Events
                </NavLink>
              </li>
              {canCreateEvents(user) ? (
                <li>
                  <NavLink to="/organize" end>
                    My events
                  </NavLink>
                </li>
              ) : null}
              {canCreateEvents(user) ? (
                <li>
                  <NavLink to="/organize/new">Create event</NavLink>
                </li>
              ) : null}
              {loggedIn ? (
                <li>
                  <NavLink to="/me/registrations">My registrations</NavLink>
                </li>
              ) : null}
              {canViewAnalytics(user) ? (
                <li>
                  <NavLink to="/analytics">Analytics</NavLink>
                </li>
              ) : null}
              {isAdmin(user) ? (
                <li>
                  <NavLink to="/admin/users">Users</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="site-header__account">
            {loggedIn ? <InboxLink /> : null}
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer container">
        <p>EventConnect: workshops, seminars, volunteering and fundraisers near you.</p>
      </footer>
    </>
  );
}
