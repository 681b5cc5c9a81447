import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { Ticket } from '@/types/api';

/** GET …/registrations/{rid}/ticket: the holder's (a guest with `token`, or the member), the
 * organizer's or an admin's. Only a confirmed registration has one (409 `not_confirmed`). */
export function getTicket(
  eventId: string,
  registrationId: string,
  token: string,
  signal?: AbortSignal,
): Promise<Ticket> {
  return api.get<Ticket>(
    `/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(registrationId)}/ticket`,
    { params: { token: token || undefined }, auth: !token, signal },
  );
}

export const getTicketQueryOptions = (eventId: string, registrationId: string, token: string) =>
  queryOptions({
    // Under the registration's key: a cancel or promotion refreshes it too.
    queryKey: [...eventKeys.registration(eventId, registrationId, token), 'ticket'] as const,
    queryFn: ({ signal }) => getTicket(eventId, registrationId, token, signal),
    // The code never changes; only a status change (refetched with the registration) matters.
    staleTime: Infinity,
    retry: (count, error) => !isApiError(error) && count < 2,
  });

export function useTicket(eventId: string, registrationId: string, token = '') {
  return useQuery(getTicketQueryOptions(eventId, registrationId, token));
}
