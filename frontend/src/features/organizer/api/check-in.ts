import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { CheckedIn } from '@/types/api';

export function checkIn(eventId: string, registrationId: string): Promise<CheckedIn> {
  return api.post<CheckedIn>(
    `/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(registrationId)}/check-in`,
  );
}

export function useCheckIn(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: string) => checkIn(eventId, registrationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
  });
}
