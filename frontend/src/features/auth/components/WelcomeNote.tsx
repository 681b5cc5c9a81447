import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useT } from '@/i18n';
import { dismissWelcome, useWelcome } from './welcome';

/**
 * "Welcome, you are logged in; we sent you a verification link": right after sign-up, on the page
 * the person lands on, until they dismiss it or move to another page.
 */
export function WelcomeNote() {
  const t = useT();
  const welcome = useWelcome();
  const { pathname } = useLocation();
  const arrived = useRef(false);
  const here = welcome !== null && welcome.pathname === pathname;
  useEffect(() => {
    if (!welcome) {
      arrived.current = false;
    } else if (here) {
      arrived.current = true;
    } else if (arrived.current) {
      dismissWelcome();
    }
  }, [welcome, here]);
  if (!welcome || !here) return null;
  return (
    <div className="alert alert--success welcome-note" role="status" data-testid="welcome">
      <p className="alert__title">{t('account.welcome.title', { name: welcome.name })}</p>
      <p>{t('account.welcome.verify', { email: welcome.email })}</p>
      <button type="button" className="button button--small" onClick={dismissWelcome}>
        {t('account.welcome.dismiss')}
      </button>
    </div>
  );
}
