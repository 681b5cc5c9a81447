import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { removeGuestRegistration } from '@/lib/guest-registrations';
import { eventKeys } from '@/lib/query-keys';
import type { RegistrationCancelled } from '@/types/api';

export interface CancelRegistrationInput {
  registrationId: string;
  /** The guest's cancel_token; owners and admins cancel without one. */
  token?: string;
}

export function cancelRegistration(
  eventId: string,
  { registrationId, token }: CancelRegistrationInput,
): Promise<RegistrationCancelled> {
  return api.delete<RegistrationCancelled>(
    `/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(registrationId)}`,
    { params: { token } },
  );
}

export function useCancelRegistration(eventId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
      queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
    ]);
  return useMutation({
    mutationFn: (input: CancelRegistrationInput) => cancelRegistration(eventId, input),
    onSuccess: async (_result, input) => {
      removeGuestRegistration(input.registrationId);
      await refresh();
    },
    onError: (error, input) => {
      // Already cancelled or gone: the stored shortcut is stale either way.
      if (isApiError(error) && error.status === 404) removeGuestRegistration(input.registrationId);
    },
  });
}
