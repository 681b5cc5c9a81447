import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import { ratingsPath } from './paths';
import type { HideCommentIn, RatingChanged } from './types';

export interface ModerationInput {
  ratingId: string;
  /** Set: hide the comment for this reason. Unset: show it again. */
  reason?: string;
}

/** The owner or an admin hides an abusive comment (kept in the history) or shows it again. */
export function moderateRating(eventId: string, input: ModerationInput): Promise<RatingChanged> {
  const base = `${ratingsPath(eventId)}/${encodeURIComponent(input.ratingId)}`;
  return input.reason === undefined
    ? api.post<RatingChanged>(`${base}/unhide`)
    : api.post<RatingChanged>(`${base}/hide`, { reason: input.reason } satisfies HideCommentIn);
}

export function useModerateRating(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ModerationInput) => moderateRating(eventId, input),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [...eventKeys.detail(eventId), 'ratings'] }),
  });
}
