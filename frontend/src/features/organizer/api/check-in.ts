import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { downloadFile } from '@/lib/download';
import { eventKeys } from '@/lib/query-keys';
import type { CheckInUndone, ScanOut } from '@/types/api';

const eventPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

/** POST /api/events/{id}/check-ins with the registration's id (the attendee list's button). */
export function checkIn(eventId: string, registrationId: string): Promise<ScanOut> {
  return api.post<ScanOut>(`${eventPath(eventId)}/check-ins`, { registration_id: registrationId });
}

/** DELETE …/registrations/{rid}/check-in: takes a mistaken check-in back. */
export function undoCheckIn(eventId: string, registrationId: string): Promise<CheckInUndone> {
  return api.delete<CheckInUndone>(
    `${eventPath(eventId)}/registrations/${encodeURIComponent(registrationId)}/check-in`,
  );
}

export function useCheckIn(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: string) => checkIn(eventId, registrationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
  });
}

export function useUndoCheckIn(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: string) => undoCheckIn(eventId, registrationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
  });
}

/** GET /api/events/{id}/attendees.csv (all, or the waitlist in order) as a file download. */
export function downloadAttendeesCsv(eventId: string, status?: 'waitlisted'): Promise<void> {
  const suffix = status ? `-${status}` : '';
  return downloadFile(`${eventPath(eventId)}/attendees.csv`, `attendees-${eventId}${suffix}.csv`, {
    status,
  });
}
