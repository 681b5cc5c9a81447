import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { loginPath, ROLE_LABELS } from '@/lib/authorization';
import type { Role } from '@/types/api';
import { useAuth } from './use-auth';

interface RequireAuthProps {
  /** Roles allowed in; any logged-in account when left out. */
  roles?: readonly Role[];
  children: ReactNode;
}

/** Logged out: off to /login?next=<here>. Logged in with the wrong role: says so. */
export function RequireAuth({ roles, children }: RequireAuthProps) {
  const location = useLocation();
  const { loggedIn, user, loading, error } = useAuth();

  if (!loggedIn) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={loginPath(here)} replace />;
  }
  if (loading) return <Loading label="Checking your account…" />;
  if (!user) {
    return (
      <>
        <h1>Could not load your account</h1>
        <ProblemAlert error={error} />
      </>
    );
  }
  if (roles && !roles.includes(user.role)) {
    return (
      <>
        <title>Not allowed · EventConnect</title>
        <h1>Not allowed</h1>
        <p>
          This page is for {roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' or ')} accounts;
          you are logged in as {user.name} ({ROLE_LABELS[user.role].toLowerCase()}).
        </p>
        <p>
          <Link to="/">Browse events</Link>
        </p>
      </>
    );
  }
  return children;
}
