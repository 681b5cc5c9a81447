import { Link, NavLink, Outlet } from 'react-router';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { useAuth, useResetOnSessionChange } from '@/features/auth/components/use-auth';
import { useLiveInbox } from '@/features/notifications/api/live-inbox';
import { InboxLink } from '@/features/notifications/components/InboxLink';
import { canCreateEvents, canViewAnalytics, isAdmin } from '@/lib/authorization';
import { useDisplaySettingsSync } from '@/features/auth/components/use-display-settings';
import { useT } from '@/i18n';
import { LanguageSwitch } from '@/i18n/LanguageSwitch';
import { useLiveConnection } from '@/lib/live';

/** The page frame: header with role-aware navigation and the account corner. */
export function Layout() {
  useResetOnSessionChange();
  useLiveConnection();
  useLiveInbox();
  useDisplaySettingsSync();
  const t = useT();
  const { loggedIn, user } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            EventConnect
          </Link>
          <nav aria-label={t('nav.main')}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t('nav.events')}
                </NavLink>
              </li>
              {canCreateEvents(user) ? (
                <li>
                  <NavLink to="/organize" end>
                    {t('nav.myEvents')}
                  </NavLink>
                </li>
              ) : null}
              {canCreateEvents(user) ? (
                <li>
                  <NavLink to="/organize/new">{t('nav.createEvent')}</NavLink>
                </li>
              ) : null}
              {loggedIn ? (
                <li>
                  <NavLink to="/me/registrations">{t('nav.myRegistrations')}</NavLink>
                </li>
              ) : null}
              {canViewAnalytics(user) ? (
                <li>
                  <NavLink to="/analytics">{t('nav.analytics')}</NavLink>
                </li>
              ) : null}
              {isAdmin(user) ? (
                <li>
                  <NavLink to="/admin/users">{t('nav.users')}</NavLink>
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
        <p>{t('layout.footer')}</p>
        {loggedIn ? null : <LanguageSwitch />}
      </footer>
    </>
  );
}
