import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { HistoryEntry, Page } from '@/types/api';

export interface HistoryQuery {
  as_of?: string;
  page?: number;
  page_size?: number;
}

/** The event's domain events, oldest first, straight from the event store. */
export function getHistory(
  eventId: string,
  params: HistoryQuery,
  signal?: AbortSignal,
): Promise<Page<HistoryEntry>> {
  return api.get<Page<HistoryEntry>>(`/events/${encodeURIComponent(eventId)}/history`, {
    params: { ...params },
    signal,
  });
}

export const getHistoryQueryOptions = (eventId: string, params: HistoryQuery) =>
  queryOptions({
    queryKey: eventKeys.history(eventId, { ...params }),
    queryFn: ({ signal }) => getHistory(eventId, params, signal),
    placeholderData: keepPreviousData,
  });

export function useHistory(eventId: string, params: HistoryQuery) {
  return useQuery(getHistoryQueryOptions(eventId, params));
}
