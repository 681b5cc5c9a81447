import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import { ownRating, raterKey } from './paths';
import type { MyRating, MyRatingOut, Rater } from './types';

/** The caller's own rating, so the widget offers "change" and "withdraw"; null (404) if none. */
export async function getMyRating(
  eventId: string,
  rater: Rater,
  signal?: AbortSignal,
): Promise<MyRating | null> {
  const { path, options } = ownRating(eventId, rater);
  try {
    const mine = await api.get<MyRatingOut>(path, { ...options, signal });
    const { rating_id, score, comment, hidden, hidden_reason } = mine;
    return { rating_id, score, comment, hidden, hidden_reason };
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export const getMyRatingQueryOptions = (eventId: string, rater: Rater) =>
  queryOptions({
    queryKey: eventKeys.myRating(eventId, raterKey(rater)),
    queryFn: ({ signal }) => getMyRating(eventId, rater, signal),
    staleTime: 60_000,
  });

export function useMyRating(eventId: string, rater: Rater) {
  return useQuery(getMyRatingQueryOptions(eventId, rater));
}
