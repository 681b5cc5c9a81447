import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { removeGuestRegistration } from '@/lib/guest-registrations';
import { eventKeys, myRegistrationKeys } from '@/lib/query-keys';
import type { RegistrationCancelled } from '@/types/api';

export interface CancelRegistrationInput {
  registrationId: string;
  /** The guest's cancel_token; members (their own), owners and admins cancel without one. */
  token?: string;
}

export function cancelRegistration(
  eventId: string,
  { registrationId, token }: CancelRegistrationInput,
): Promise<RegistrationCancelled> {
  return api.delete<RegistrationCancelled>(
    `/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(registrationId)}`,
    // With a token this is the guest flow: the token is the proof, so no bearer token is sent
    // (a logged-in tab may hold tokens from registrations made before logging in).
    { params: { token }, auth: token === undefined },
  );
}

function useRefreshAfterCancelling() {
  const queryClient = useQueryClient();
  return (eventId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
      queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: myRegistrationKeys.all }),
    ]);
}

/** A guest's cancel on the event page, with the token this browser stored. */
export function useCancelRegistration(eventId: string) {
  const refresh = useRefreshAfterCancelling();
  return useMutation({
    mutationFn: (input: CancelRegistrationInput) => cancelRegistration(eventId, input),
    onSuccess: async (_result, input) => {
      removeGuestRegistration(input.registrationId);
      await refresh(eventId);
    },
    onError: (error, input) => {
      // Already cancelled or gone: the stored shortcut is stale either way.
      if (isApiError(error) && error.status === 404) removeGuestRegistration(input.registrationId);
    },
  });
}

export interface CancelMyRegistrationInput {
  eventId: string;
  registrationId: string;
}

/** A logged-in member cancels one of their own registrations (no token: the bearer says who). */
export function useCancelMyRegistration() {
  const refresh = useRefreshAfterCancelling();
  return useMutation({
    mutationFn: ({ eventId, registrationId }: CancelMyRegistrationInput) =>
      cancelRegistration(eventId, { registrationId }),
    onSuccess: (_result, input) => refresh(input.eventId),
  });
}
