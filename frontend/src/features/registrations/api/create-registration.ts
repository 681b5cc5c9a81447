import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { saveGuestRegistration } from '@/lib/guest-registrations';
import { eventKeys } from '@/lib/query-keys';
import type { RegistrationCreated } from '@/types/api';

export interface GuestRegistrationInput {
  name: string;
  email: string;
}

export function createRegistration(
  eventId: string,
  input: GuestRegistrationInput,
): Promise<RegistrationCreated> {
  return api.post<RegistrationCreated>(
    `/events/${encodeURIComponent(eventId)}/registrations`,
    input,
  );
}

/** Registers a guest and remembers the cancel token in this browser. */
export function useCreateRegistration(eventId: string) {
  const queryClient = useQueryClient();
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
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
      ]);
    },
  });
}
