// The rating shapes, from the generated contract (src/types/api.ts), plus the UI's own words.
import type { MyRatingOut } from '@/types/api';
import { LIMITS } from '@/types/limits';

export type {
  HideCommentIn,
  MyRatingOut,
  RatingChanged,
  RatingIn,
  RatingOut as RatingItem,
  RatingSaved,
  RatingsPage,
} from '@/types/api';

/** The caller's own rating, as far as the widget needs it (`hidden`: the organizer hid the
 * comment; unknown right after a save). */
export type MyRating = Pick<MyRatingOut, 'rating_id' | 'score' | 'comment'> &
  Partial<Pick<MyRatingOut, 'hidden' | 'hidden_reason'>>;

/**
 * Who rates: a signed-in member, or a guest proving their registration with its id and
 * `cancel_token` (the links in their emails carry both).
 */
export type Rater =
  { kind: 'member'; session: string } | { kind: 'guest'; registrationId: string; token: string };

export const COMMENT_MAX = LIMITS.ratingComment;
export const REASON_MAX = LIMITS.hideReason;
