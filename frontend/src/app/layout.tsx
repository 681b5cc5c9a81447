import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { WelcomeNote } from '@/features/auth/components/WelcomeNote';
import { useAuth, useResetOnSessionChange } from '@/features/auth/components/use-auth';
import { useLiveInbox } from '@/features/notifications/api/live-inbox';
import { InboxLink } from '@/features/notifications/components/InboxLink';
import { canCreateEvents, canViewAnalytics, isAdmin } from '@/lib/authorization';
import { useDisplaySettingsSync } from '@/features/auth/components/use-display-settings';
import { useT } from '@/i18n';
import { LanguageSwitch } from '@/i18n/LanguageSwitch';
import { useLiveConnection } from '@/lib/live';

/**
 * Signed in on a phone, the navigation and the account corner fold behind a menu button, so the
 * header stays one row; from ~900 px (CSS) everything is inline and the button is hidden.
 */
function useHeaderMenu(
  buttonRef: RefObject<HTMLButtonElement | null>,
  panelRef: RefObject<HTMLDivElement | null>,
) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const [prevPath, setPrevPath] = useState(location.pathname);
  // A followed link closes the menu.
  if (prevPath !== location.pathname) {
    setPrevPath(location.pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panelRef.current?.contains(target) || buttonRef.current?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    // Move focus into the opened menu, to its first link.
    panelRef.current?.querySelector<HTMLElement>('a, button')?.focus();
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, buttonRef, panelRef]);
  return [open, setOpen] as const;
}

/** The page frame: header with role-aware navigation and the account corner. */
export function Layout() {
  useResetOnSessionChange();
  useLiveConnection();
  useLiveInbox();
  useDisplaySettingsSync();
  const t = useT();
  const { loggedIn, user } = useAuth();
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuPanel = useRef<HTMLDivElement>(null);
  const [menuOpen, setMenuOpen] = useHeaderMenu(menuButton, menuPanel);
  const panelId = useId();
  // Visitors have three links, which fit a phone's row; members get the menu button.
  const compact = loggedIn;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className={`site-header${compact ? ' site-header--compact' : ''}`}>
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            EventConnect
          </Link>
          {loggedIn ? (
            <div className="site-header__quick">
              <InboxLink />
            </div>
          ) : null}
          {compact ? (
            <button
              ref={menuButton}
              type="button"
              className="menu-button"
              aria-expanded={menuOpen}
              aria-controls={panelId}
              data-testid="menu-button"
              onClick={() => setMenuOpen((o) => !o)}
            >
              <svg
                className="menu-button__icon"
                viewBox="0 0 24 24"
                width="20"
                height="20"
                aria-hidden="true"
                focusable="false"
              >
                {menuOpen ? (
                  <path
                    fill="currentColor"
                    d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6Z"
                  />
                ) : (
                  <path fill="currentColor" d="M3 6h18v2H3Zm0 5h18v2H3Zm0 5h18v2H3Z" />
                )}
              </svg>
              <span>{t('layout.menu')}</span>
            </button>
          ) : null}
          <div
            ref={menuPanel}
            id={panelId}
            className={`site-header__panel${menuOpen ? ' site-header__panel--open' : ''}`}
            data-testid="header-panel"
          >
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
              <UserMenu />
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
        {/* In <main>, not the header's account corner: on a phone that sits in a closed menu. */}
        <WelcomeNote />
      </main>
      <footer className="site-footer container">
        <p>{t('layout.footer')}</p>
        {loggedIn ? null : <LanguageSwitch />}
      </footer>
    </>
  );
}
