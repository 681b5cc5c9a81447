import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { loginPath } from '@/lib/authorization';
import type { Role } from '@/types/api';
import { useMe } from '../api/get-me';
import { useAuth } from './use-auth';

interface RequireAuthProps {
  /** Roles allowed in; any logged-in account when left out. */
  roles?: readonly Role[];
  children: ReactNode;
}

/**
 * Logged out: off to /login?next=<here>. Logged in with the wrong role: says so. (Logging out on
 * purpose leaves for the home page first, see UserMenu, so this never sees that.)
 */
export function RequireAuth({ roles, children }: RequireAuthProps) {
  const t = useT();
  const { locale } = useFormat();
  const location = useLocation();
  const { loggedIn, user, loading, error } = useAuth();
  const me = useMe();

  if (!loggedIn) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={loginPath(here)} replace />;
  }
  if (loading) return <Loading label={t('account.requireAuth.checking')} />;
  if (!user) {
    return (
      <>
        <h1>{t('account.requireAuth.loadFailed')}</h1>
        <ProblemAlert error={error} onRetry={() => void me.refetch()} />
      </>
    );
  }
  if (roles && !roles.includes(user.role)) {
    const names = roles.map((r) => t(`roles.${r}`));
    const list = new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
    return (
      <>
        <title>{`${t('account.requireAuth.notAllowedTitle')} · EventConnect`}</title>
        <h1>{t('account.requireAuth.notAllowedTitle')}</h1>
        <p>
          {t('account.requireAuth.notAllowed', {
            roles: list,
            name: user.name,
            role: t(`roles.${user.role}`),
          })}
        </p>
        <p>
          <Link to="/">{t('account.requireAuth.browse')}</Link>
        </p>
      </>
    );
  }
  return children;
}
