import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { RegistrationPageOut } from '@/types/api';

/** GET /api/events/{id}/registrations/{rid}?token=: the page an email's link opens. */
export type RegistrationView = RegistrationPageOut;

/** With a token this is the guest's view (no bearer token: the token is the proof). */
export function getRegistration(
  eventId: string,
  registrationId: string,
  token: string,
  signal?: AbortSignal,
): Promise<RegistrationView> {
  return api.get<RegistrationView>(
    `/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(registrationId)}`,
    { params: { token: token || undefined }, auth: !token, signal },
  );
}

export const getRegistrationQueryOptions = (
  eventId: string,
  registrationId: string,
  token: string,
) =>
  queryOptions({
    queryKey: eventKeys.registration(eventId, registrationId, token),
    queryFn: ({ signal }) => getRegistration(eventId, registrationId, token, signal),
  });

export function useRegistration(eventId: string, registrationId: string, token: string) {
  return useQuery(getRegistrationQueryOptions(eventId, registrationId, token));
}
