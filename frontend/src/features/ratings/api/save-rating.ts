import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import { getMyRatingQueryOptions } from './get-my-rating';
import { ownRating } from './paths';
import type { MyRating, Rater, RatingChanged, RatingIn, RatingSaved } from './types';

/** Rates the event, or replaces the caller's earlier rating (one per person per event). */
export function saveRating(eventId: string, rater: Rater, input: RatingIn): Promise<RatingSaved> {
  const { path, options } = ownRating(eventId, rater);
  return api.put<RatingSaved>(path, input, options);
}

/** Withdraws the caller's rating. */
export function withdrawRating(eventId: string, rater: Rater): Promise<RatingChanged> {
  const { path, options } = ownRating(eventId, rater);
  return api.delete<RatingChanged>(path, options);
}

/** After a change: the caller's rating as given, and everything that shows the average. */
function useAfterRating(eventId: string, rater: Rater) {
  const queryClient = useQueryClient();
  return async (mine: MyRating | null) => {
    queryClient.setQueryData(getMyRatingQueryOptions(eventId, rater).queryKey, mine);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [...eventKeys.detail(eventId), 'ratings'] }),
      queryClient.invalidateQueries({ queryKey: [...eventKeys.detail(eventId), 'event'] }),
      queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
    ]);
  };
}

export function useSaveRating(eventId: string, rater: Rater) {
  const after = useAfterRating(eventId, rater);
  return useMutation({
    mutationFn: (input: RatingIn) => saveRating(eventId, rater, input),
    onSuccess: (saved) =>
      after({
        rating_id: saved.rating_id,
        score: saved.score,
        comment: saved.comment,
      }),
  });
}

export function useWithdrawRating(eventId: string, rater: Rater) {
  const after = useAfterRating(eventId, rater);
  return useMutation({
    mutationFn: () => withdrawRating(eventId, rater),
    onSuccess: () => after(null),
  });
}
