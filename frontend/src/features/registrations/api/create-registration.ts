import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { saveGuestRegistration } from '@/lib/guest-registrations';
import { eventKeys, myRegistrationKeys } from '@/lib/query-keys';
import type { RegistrationCreated } from '@/types/api';

export interface GuestRegistrationInput {
  name: string;
  email: string;
}

/** A guest sends `{name, email}`; a logged-in member sends `{}` and registers as themselves. */
export function createRegistration(
  eventId: string,
  input: GuestRegistrationInput | Record<string, never>,
): Promise<RegistrationCreated> {
  return api.post<RegistrationCreated>(
    `/events/${encodeURIComponent(eventId)}/registrations`,
    input,
  );
}

function useRefreshAfterRegistering(eventId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
      queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: myRegistrationKeys.all }),
    ]);
}

/** Registers a guest and remembers the cancel token in this browser. */
export function useCreateRegistration(eventId: string) {
  const refresh = useRefreshAfterRegistering(eventId);
  return useMutation({
    mutationFn: (input: GuestRegistrationInput) => createRegistration(eventId, input),
    onSuccess: async (result, input) => {
      if (result.cancel_token) {
        saveGuestRegistration({
          event_id: eventId,
          registration_id: result.registration_id,
          cancel_token: result.cancel_token,
          name: input.name,
          email: input.email,
          status: result.status,
          waitlist_position: result.waitlist_position,
          registered_at: new Date().toISOString(),
        });
      }
      await refresh();
    },
  });
}

/** Registers the logged-in account (the bearer token says who). */
export function useRegisterAsMember(eventId: string) {
  const refresh = useRefreshAfterRegistering(eventId);
  return useMutation({
    mutationFn: () => createRegistration(eventId, {}),
    onSuccess: refresh,
  });
}
