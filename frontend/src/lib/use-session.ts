import { useSyncExternalStore } from 'react';
import { sessionSnapshot, subscribeTokens } from './auth-tokens';

/** The current login session id ('' when logged out); re-renders on login and logout. */
export function useSession(): string {
  return useSyncExternalStore(subscribeTokens, sessionSnapshot, () => '');
}
