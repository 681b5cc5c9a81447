import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { EventOut, Page } from '@/types/api';

export type MyEventsWhen = 'upcoming' | 'past' | 'drafts';

/** GET /api/me/events: the organizer's own events (admins: all), drafts in their own tab. */
export function getMyEvents(when: MyEventsWhen, page: number, signal?: AbortSignal) {
  return api.get<Page<EventOut>>('/me/events', { params: { when, page, page_size: 20 }, signal });
}

export function useMyEvents(when: MyEventsWhen, page: number) {
  return useQuery({
    // Under eventKeys.all, so any command that invalidates events refreshes this list too.
    queryKey: [...eventKeys.all, 'mine', when, page] as const,
    queryFn: ({ signal }) => getMyEvents(when, page, signal),
    placeholderData: keepPreviousData,
  });
}
