import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { Page, WaitlistEntry } from '@/types/api';

export interface WaitlistQuery {
  as_of?: string;
  page?: number;
  page_size?: number;
}

/** The waitlist, in promotion order (as it stood at `as_of`, when given). */
export function getWaitlist(
  eventId: string,
  params: WaitlistQuery,
  signal?: AbortSignal,
): Promise<Page<WaitlistEntry>> {
  return api.get<Page<WaitlistEntry>>(`/events/${encodeURIComponent(eventId)}/waitlist`, {
    params: { ...params },
    signal,
  });
}

export const getWaitlistQueryOptions = (eventId: string, params: WaitlistQuery) =>
  queryOptions({
    queryKey: eventKeys.waitlist(eventId, { ...params }),
    queryFn: ({ signal }) => getWaitlist(eventId, params, signal),
    placeholderData: keepPreviousData,
  });

export function useWaitlist(eventId: string, params: WaitlistQuery) {
  return useQuery(getWaitlistQueryOptions(eventId, params));
}
