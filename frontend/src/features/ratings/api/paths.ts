import type { RequestOptions } from '@/lib/api-client';
import type { Rater } from './types';

export const ratingsPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}/ratings`;

/** The member's own rating, or the guest's: its id and token in the query and no bearer token
 * (the token is the proof, and a signed-in tab may also hold tokens of guest registrations). */
export function ownRating(
  eventId: string,
  rater: Rater,
): { path: string; options: RequestOptions } {
  if (rater.kind === 'member') return { path: `${ratingsPath(eventId)}/me`, options: {} };
  return {
    path: `${ratingsPath(eventId)}/guest`,
    options: {
      params: { registration_id: rater.registrationId, token: rater.token },
      auth: false,
    },
  };
}

export const raterKey = (rater: Rater) =>
  rater.kind === 'member' ? `member:${rater.session}` : `guest:${rater.registrationId}`;
