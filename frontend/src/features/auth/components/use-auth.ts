import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/lib/use-session';
import type { Me } from '@/types/api';
import { useMe } from '../api/get-me';

export interface AuthState {
  /** Tokens are held (the profile may still be loading). */
  loggedIn: boolean;
  /** The profile from /api/me, once loaded. */
  user: Me | null;
  /** Logged in and the profile is not there yet. */
  loading: boolean;
  error: unknown;
}

export function useAuth(): AuthState {
  const me = useMe();
  const loggedIn = useSession() !== '';
  return {
    loggedIn,
    user: loggedIn ? (me.data ?? null) : null,
    loading: loggedIn && me.isPending,
    error: loggedIn ? me.error : null,
  };
}

/**
 * When the session changes (login, logout, or a failed refresh), drops what the last account was
 * allowed to see and refetches the rest as the new one.
 */
export function useResetOnSessionChange(): void {
  const queryClient = useQueryClient();
  const session = useSession();
  const previous = useRef(session);
  useEffect(() => {
    if (previous.current === session) return;
    previous.current = session;
    queryClient.removeQueries({
      predicate: (query) => {
        const [root] = query.queryKey;
        const perUser =
          root === 'auth' ||
          root === 'my-registrations' ||
          root === 'users' ||
          root === 'notifications';
        return perUser && !query.queryKey.includes(session);
      },
    });
    void queryClient.invalidateQueries();
  }, [queryClient, session]);
}
