import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userKeys } from '@/lib/query-keys';
import type { Page, Role, UserOut } from '@/types/api';

export interface UsersQuery {
  /** Matches name or email. */
  q?: string;
  role?: Role | '';
  /** true: active accounts only; false: deactivated only; unset: both. */
  active?: boolean;
  page?: number;
  page_size?: number;
}

export function getUsers(params: UsersQuery, signal?: AbortSignal): Promise<Page<UserOut>> {
  return api.get<Page<UserOut>>('/users', { params: { ...params }, signal });
}

export const getUsersQueryOptions = (params: UsersQuery) =>
  queryOptions({
    queryKey: userKeys.list({ ...params }),
    queryFn: ({ signal }) => getUsers(params, signal),
    placeholderData: keepPreviousData,
  });

export function useUsers(params: UsersQuery) {
  return useQuery(getUsersQueryOptions(params));
}
