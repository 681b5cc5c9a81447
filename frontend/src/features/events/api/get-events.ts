import { queryOptions, useQuery, keepPreviousData } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { Category, EventOut, ListStatus, Page, Sort } from '@/types/api';

export interface EventsQuery {
  q?: string;
  category?: Category | '';
  country?: string;
  city?: string;
  starts_from?: string;
  starts_to?: string;
  status?: ListStatus;
  sort?: Sort;
  page?: number;
  page_size?: number;
  tz?: string;
}

export function getEvents(params: EventsQuery, signal?: AbortSignal): Promise<Page<EventOut>> {
  return api.get<Page<EventOut>>('/events', { params: { ...params }, signal });
}

export const getEventsQueryOptions = (params: EventsQuery) =>
  queryOptions({
    queryKey: eventKeys.list({ ...params }),
    queryFn: ({ signal }) => getEvents(params, signal),
    placeholderData: keepPreviousData,
  });

export function useEvents(params: EventsQuery) {
  return useQuery(getEventsQueryOptions(params));
}
