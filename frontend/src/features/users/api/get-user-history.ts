import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userKeys } from '@/lib/query-keys';
import type { Page } from '@/types/api';
import type { AccountHistoryEntry } from './types';

export const userHistoryKey = (userId: string, page: number, pageSize: number) =>
  [...userKeys.all, 'history', userId, { page, page_size: pageSize }] as const;

/** GET /api/users/{id}/history: the account's recorded events, oldest first, paged. */
export function getUserHistory(
  userId: string,
  page: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<AccountHistoryEntry>> {
  return api.get<Page<AccountHistoryEntry>>(`/users/${encodeURIComponent(userId)}/history`, {
    params: { page, page_size: pageSize },
    signal,
  });
}

export function useUserHistory(userId: string, page: number, pageSize: number, enabled = true) {
  return useQuery(
    queryOptions({
      queryKey: userHistoryKey(userId, page, pageSize),
      queryFn: ({ signal }) => getUserHistory(userId, page, pageSize, signal),
      placeholderData: keepPreviousData,
      enabled,
    }),
  );
}
