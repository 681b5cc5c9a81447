// A one-time welcome after sign-up, shown on whatever page the person lands on (the
// layout's <main> renders it). Held in memory only: a reload or logging out ends it.
import { useSyncExternalStore } from 'react';
import { getTokens, subscribeTokens } from '@/lib/auth-tokens';

export interface Welcome {
  name: string;
  email: string;
  /** The page it is shown on; moving to another page ends it. */
  pathname: string;
  /** The login session it belongs to. */
  session: string;
}

let current: Welcome | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function showWelcome(welcome: Omit<Welcome, 'session'>): void {
  const session = getTokens()?.session;
  if (!session) return;
  current = { ...welcome, session };
  emit();
}

export function dismissWelcome(): void {
  if (current === null) return;
  current = null;
  emit();
}

// Logging out (or into another account) ends the welcome.
subscribeTokens(() => {
  if (current && getTokens()?.session !== current.session) dismissWelcome();
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useWelcome(): Welcome | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}
