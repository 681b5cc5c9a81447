import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import { ratingsPath } from './paths';
import type { RatingsPage } from './types';

export interface RatingsQuery {
  page?: number;
  page_size?: number;
  /** Owner and admins only: hidden comments too, marked `hidden: true`. */
  include_hidden?: boolean;
}

export function getRatings(
  eventId: string,
  params: RatingsQuery,
  signal?: AbortSignal,
): Promise<RatingsPage> {
  return api.get<RatingsPage>(ratingsPath(eventId), { params: { ...params }, signal });
}

export const getRatingsQueryOptions = (eventId: string, params: RatingsQuery) =>
  queryOptions({
    queryKey: eventKeys.ratings(eventId, { ...params }),
    queryFn: ({ signal }) => getRatings(eventId, params, signal),
    placeholderData: keepPreviousData,
  });

export function useRatings(eventId: string, params: RatingsQuery) {
  return useQuery(getRatingsQueryOptions(eventId, params));
}
