import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/types/openapi.gen';

export type CalendarFeed = components['schemas']['CalendarFeedOut'];
type CalendarFeedRevoked = components['schemas']['CalendarFeedRevokedOut'];

/** A new secret feed URL; the server stops honouring the previous one. */
export function createCalendarFeed(): Promise<CalendarFeed> {
  return api.post<CalendarFeed>('/me/calendar-feed');
}

export function revokeCalendarFeed(): Promise<CalendarFeedRevoked> {
  return api.delete<CalendarFeedRevoked>('/me/calendar-feed');
}

export function useCreateCalendarFeed() {
  return useMutation({ mutationFn: createCalendarFeed });
}

export function useRevokeCalendarFeed() {
  return useMutation({ mutationFn: revokeCalendarFeed });
}
