// When rating is open (API.md): from the event's start until 30 days after its end. The server
// decides (409 rating_not_open / rating_closed); this only keeps the UI from offering a widget
// that would end in that answer.

export const RATING_DAYS_AFTER_END = 30;
const DAY = 86_400_000;

export type RatingWindow = 'not_open' | 'open' | 'closed';

export function ratingWindow(
  event: { starts_at: string; ends_at: string },
  now: number = Date.now(),
): RatingWindow {
  const start = Date.parse(event.starts_at);
  const end = Date.parse(event.ends_at);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'closed';
  if (now < start) return 'not_open';
  return now <= end + RATING_DAYS_AFTER_END * DAY ? 'open' : 'closed';
}
