import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { currentSettings, useDisplaySettings } from '@/i18n/settings';
import { eventKeys } from '@/lib/query-keys';
import type { EventOut } from '@/types/api';

export function getEvent(id: string, tz: string, signal?: AbortSignal): Promise<EventOut> {
  return api.get<EventOut>(`/events/${encodeURIComponent(id)}`, { params: { tz }, signal });
}

export const getEventQueryOptions = (id: string, tz: string = currentSettings().timeZone) =>
  queryOptions({
    queryKey: eventKeys.event(id, tz),
    queryFn: ({ signal }) => getEvent(id, tz, signal),
  });

export function useEvent(id: string) {
  return useQuery(getEventQueryOptions(id, useDisplaySettings().timeZone));
}
