import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userKeys } from '@/lib/query-keys';
import type { Page, UserOut } from '@/types/api';

// The organizer field's suggestions. Only admins may list accounts (GET /api/users); analysts
// type or paste an id instead, so the query is off for them.
const PARAMS = { role: 'organizer', page_size: 100 } as const;

export function getOrganizers(signal?: AbortSignal) {
  return api.get<Page<UserOut>>('/users', { params: { ...PARAMS }, signal });
}

export const getOrganizersQueryOptions = (enabled: boolean) =>
  queryOptions({
    queryKey: userKeys.list({ ...PARAMS }),
    queryFn: ({ signal }) => getOrganizers(signal),
    enabled,
    staleTime: 5 * 60_000,
    select: (page) => page.items.map((user) => ({ id: user.id, name: user.name })),
  });

export function useOrganizers(enabled: boolean) {
  return useQuery(getOrganizersQueryOptions(enabled));
}
