import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { authKeys } from '@/lib/query-keys';
import { useSession } from '@/lib/use-session';
import type { Me } from '@/types/api';

export function getMe(signal?: AbortSignal): Promise<Me> {
  return api.get<Me>('/me', { signal });
}

export const getMeQueryOptions = (session: string) =>
  queryOptions({
    queryKey: authKeys.me(session),
    queryFn: ({ signal }) => getMe(signal),
    enabled: session !== '',
    staleTime: 5 * 60_000,
  });

/** The logged-in account, or nothing while logged out. */
export function useMe() {
  return useQuery(getMeQueryOptions(useSession()));
}
