import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import { useSession } from '@/lib/use-session';
import { eventAnalyticsPath } from './paths';
import type { EventAnalytics } from './types';

export function getEventAnalytics(eventId: string, signal?: AbortSignal) {
  return api.get<EventAnalytics>(eventAnalyticsPath(eventId), { signal });
}

// Under the event's detail key, so a check-in or cancellation (which invalidate it) refreshes
// the figures as well.
export const getEventAnalyticsQueryOptions = (session: string, eventId: string) =>
  queryOptions({
    queryKey: eventKeys.analytics(eventId, session),
    queryFn: ({ signal }) => getEventAnalytics(eventId, signal),
  });

export function useEventAnalytics(eventId: string) {
  return useQuery(getEventAnalyticsQueryOptions(useSession(), eventId));
}
