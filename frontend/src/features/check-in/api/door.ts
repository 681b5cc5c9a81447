import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import { useSession } from '@/lib/use-session';
import type {
  CheckInUndone,
  EventAnalytics,
  RegistrationPageOut,
  ScanIn,
  ScanOut,
} from '@/types/api';

const eventPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

/** POST /api/events/{id}/check-ins: a ticket code (the server ignores case, spaces, dashes). */
export function postScan(eventId: string, body: ScanIn): Promise<ScanOut> {
  return api.post<ScanOut>(`${eventPath(eventId)}/check-ins`, body);
}

/** DELETE …/registrations/{rid}/check-in: takes a mistaken check-in back. */
export function undoCheckIn(eventId: string, registrationId: string): Promise<CheckInUndone> {
  return api.delete<CheckInUndone>(
    `${eventPath(eventId)}/registrations/${encodeURIComponent(registrationId)}/check-in`,
  );
}

// The api client sends the last command's position as X-Consistent-With on every GET, so these
// answer with the scan just made already counted.

/** The door's live figures, from the event's analytics (the organizer may read their own). */
export function useDoorCounts(eventId: string) {
  return useQuery(
    queryOptions({
      queryKey: eventKeys.analytics(eventId, useSession()),
      queryFn: ({ signal }) =>
        api.get<EventAnalytics>(`/analytics/events/${encodeURIComponent(eventId)}`, { signal }),
      select: (a) => ({ checkedIn: a.checked_in, confirmed: a.confirmed }),
      // Other doors scan too: keep the figures fresh between this door's own scans.
      refetchInterval: 15_000,
    }),
  );
}

/** Who a scanned ticket belongs to (the organizer may read any registration of the event). */
export function useRegistrationName(eventId: string, registrationId: string | undefined) {
  return useQuery({
    queryKey: eventKeys.registration(eventId, registrationId ?? '', ''),
    queryFn: ({ signal }) =>
      api.get<RegistrationPageOut>(
        `${eventPath(eventId)}/registrations/${encodeURIComponent(registrationId ?? '')}`,
        { signal },
      ),
    enabled: Boolean(registrationId),
    select: (r) => r.name,
    staleTime: Infinity,
  });
}
