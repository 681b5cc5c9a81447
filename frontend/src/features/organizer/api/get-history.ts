import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useDisplaySettings } from '@/i18n/settings';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { HistoryEntry, Page } from '@/types/api';

export interface HistoryQuery {
  as_of?: string;
  page?: number;
  page_size?: number;
}

/** The event's domain events, oldest first, straight from the event store. Each entry's
 * `summary` is worded by the server in the language asked for (Accept-Language: en or de). */
export function getHistory(
  eventId: string,
  params: HistoryQuery,
  language: string,
  signal?: AbortSignal,
): Promise<Page<HistoryEntry>> {
  return api.get<Page<HistoryEntry>>(`/events/${encodeURIComponent(eventId)}/history`, {
    params: { ...params },
    headers: { 'Accept-Language': language },
    signal,
  });
}

export const getHistoryQueryOptions = (eventId: string, params: HistoryQuery, language: string) =>
  queryOptions({
    // The language is part of the key: switching it fetches the sentences anew.
    queryKey: eventKeys.history(eventId, { ...params, language }),
    queryFn: ({ signal }) => getHistory(eventId, params, language, signal),
    placeholderData: keepPreviousData,
  });

export function useHistory(eventId: string, params: HistoryQuery) {
  const { language } = useDisplaySettings();
  return useQuery(getHistoryQueryOptions(eventId, params, language));
}
