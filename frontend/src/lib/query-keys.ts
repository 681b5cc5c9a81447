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
};
