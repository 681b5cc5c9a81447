import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { Attendee, Page } from '@/types/api';

export interface AttendeesQuery {
  status?: string;
  /** ISO instant: the list exactly as it stood then. */
  as_of?: string;
  page?: number;
  page_size?: number;
}

export function getAttendees(
  eventId: string,
  params: AttendeesQuery,
  signal?: AbortSignal,
): Promise<Page<Attendee>> {
  return api.get<Page<Attendee>>(`/events/${encodeURIComponent(eventId)}/attendees`, {
    params: { ...params },
    signal,
  });
}

export const getAttendeesQueryOptions = (eventId: string, params: AttendeesQuery) =>
  queryOptions({
    queryKey: eventKeys.attendees(eventId, { ...params }),
    queryFn: ({ signal }) => getAttendees(eventId, params, signal),
    placeholderData: keepPreviousData,
  });

export function useAttendees(eventId: string, params: AttendeesQuery) {
  return useQuery(getAttendeesQueryOptions(eventId, params));
}
