import type { QueryParams } from './api-client';

// One tree of keys so a mutation can invalidate exactly what it changes: everything about one
// event sits under `detail(id)` (its attendees, waitlist and history included).
export const eventKeys = {
  all: ['events'] as const,
  lists: () => [...eventKeys.all, 'list'] as const,
  list: (params: QueryParams) => [...eventKeys.lists(), params] as const,
  detail: (id: string) => [...eventKeys.all, 'detail', id] as const,
  event: (id: string, tz: string) => [...eventKeys.detail(id), 'event', tz] as const,
  attendees: (id: string, params: QueryParams) =>
    [...eventKeys.detail(id), 'attendees', params] as const,
  waitlist: (id: string, params: QueryParams) =>
    [...eventKeys.detail(id), 'waitlist', params] as const,
  history: (id: string, params: QueryParams) =>
    [...eventKeys.detail(id), 'history', params] as const,
  ratings: (id: string, params: QueryParams) =>
    [...eventKeys.detail(id), 'ratings', params] as const,
  /** The caller's own rating: a member's (session) or a guest's (their registration token). */
  myRating: (id: string, who: string) => [...eventKeys.detail(id), 'my-rating', who] as const,
  registration: (id: string, registrationId: string, token: string) =>
    [...eventKeys.detail(id), 'registration', registrationId, token] as const,
  /** Its analytics, per login (who may see them depends on the account). */
  analytics: (id: string, session: string) =>
    [...eventKeys.detail(id), 'analytics', session] as const,
};

// Keyed on the login session (see auth-tokens.ts) so another login never shows the last one's data.
export const authKeys = {
  all: ['auth'] as const,
  me: (session: string) => [...authKeys.all, 'me', session] as const,
};

export const userKeys = {
  all: ['users'] as const,
  list: (params: QueryParams) => [...userKeys.all, 'list', params] as const,
};

export const myRegistrationKeys = {
  all: ['my-registrations'] as const,
  list: (session: string, params: QueryParams) =>
    [...myRegistrationKeys.all, session, params] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (session: string, params: QueryParams) =>
    [...notificationKeys.all, session, 'list', params] as const,
};

// An organizer's overview covers their own events only, so it is keyed on the session too.
export const analyticsKeys = {
  all: ['analytics'] as const,
  overview: (session: string, params: QueryParams) =>
    [...analyticsKeys.all, session, 'overview', params] as const,
};
