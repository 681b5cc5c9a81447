import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { analyticsKeys } from '@/lib/query-keys';
import { useSession } from '@/lib/use-session';
import { OVERVIEW_PATH } from './paths';
import type { AnalyticsOverview, OverviewQuery } from './types';

export type { OverviewQuery } from './types';

export function getOverview(query: OverviewQuery, signal?: AbortSignal) {
  return api.get<AnalyticsOverview>(OVERVIEW_PATH, { params: { ...query }, signal });
}

export const getOverviewQueryOptions = (session: string, query: OverviewQuery) =>
  queryOptions({
    queryKey: analyticsKeys.overview(session, { ...query }),
    queryFn: ({ signal }) => getOverview(query, signal),
    // A new filter keeps the last figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

export function useOverview(query: OverviewQuery) {
  return useQuery(getOverviewQueryOptions(useSession(), query));
}
