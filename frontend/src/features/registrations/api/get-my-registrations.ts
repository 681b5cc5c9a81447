import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { myRegistrationKeys } from '@/lib/query-keys';
import { useSession } from '@/lib/use-session';
import type { MyRegistration, Page } from '@/types/api';

export interface MyRegistrationsQuery {
  page?: number;
  page_size?: number;
}

export function getMyRegistrations(
  params: MyRegistrationsQuery,
  signal?: AbortSignal,
): Promise<Page<MyRegistration>> {
  return api.get<Page<MyRegistration>>('/me/registrations', { params: { ...params }, signal });
}

export const getMyRegistrationsQueryOptions = (session: string, params: MyRegistrationsQuery) =>
  queryOptions({
    queryKey: myRegistrationKeys.list(session, { ...params }),
    queryFn: ({ signal }) => getMyRegistrations(params, signal),
    enabled: session !== '',
    placeholderData: keepPreviousData,
  });

/** The logged-in account's own registrations (nothing while logged out). */
export function useMyRegistrations(params: MyRegistrationsQuery) {
  return useQuery(getMyRegistrationsQueryOptions(useSession(), params));
}
