import { formatDateTime } from '@/lib/datetime';
import type { DailyActivity, EventAnalytics } from '../api/types';
import { formatCount, formatRate, formatRating, NO_VALUE } from './format';
import type { Stat } from './StatCards';

const plural = (n: number, one: string, many: string) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** One event's counts: what happened to its registrations. */
export function eventCountStats(a: EventAnalytics): Stat[] {
  return [
    { id: 'registrations', label: 'Registrations', value: formatCount(a.registrations) },
    { id: 'cancellations', label: 'Cancellations', value: formatCount(a.cancellations) },
    { id: 'waitlist-joins', label: 'Waitlist joins', value: formatCount(a.waitlist_joins) },
    { id: 'promotions', label: 'Promotions', value: formatCount(a.promotions) },
    {
      id: 'confirmed',
      label: 'Confirmed',
      value: formatCount(a.confirmed),
      note: `of ${plural(a.capacity, 'seat', 'seats')}`,
    },
    { id: 'checked-in', label: 'Checked in', value: formatCount(a.checked_in) },
  ];
}

/**
 * Its rates and moments. A null rate reads "—" with the reason beside it, and `sold_out_at` is
 * shown in the event's own zone (the organizer thinks of the event in its local time).
 */
export function eventRateStats(a: EventAnalytics): Stat[] {
  return [
    {
      id: 'attendance-rate',
      label: 'Attendance rate',
      value: formatRate(a.attendance_rate),
      note: a.attendance_rate === null ? 'nobody confirmed' : 'checked in of confirmed',
    },
    {
      id: 'no-show-rate',
      label: 'No-show rate',
      value: formatRate(a.no_show_rate),
      note: a.no_show_rate === null ? 'once the event has ended' : 'confirmed, not checked in',
    },
    {
      id: 'waitlist-conversion',
      label: 'Waitlist conversion',
      value: formatRate(a.waitlist_conversion_rate),
      note: a.waitlist_conversion_rate === null ? 'nobody waitlisted' : 'promoted of waitlisted',
    },
    {
      id: 'sold-out-at',
      label: 'Sold out',
      value: a.sold_out_at ? formatDateTime(a.sold_out_at, a.timezone) : NO_VALUE,
      note: a.sold_out_at ? undefined : 'never full',
    },
    {
      id: 'rating',
      label: 'Average rating',
      value: formatRating(a.rating_avg),
      note:
        a.rating_count === 0
          ? 'no ratings yet'
          : `from ${plural(a.rating_count, 'rating', 'ratings')}`,
    },
  ];
}

export interface ScoreRow {
  score: number;
  count: number;
  /** Share of all ratings, 0..1 (null without ratings). */
  share: number | null;
}

/** Scores 5 down to 1; a score missing from the answer (or not a count) counts as 0. */
export function scoreRows(distribution: Partial<Record<string, number>>): ScoreRow[] {
  const counts = [5, 4, 3, 2, 1].map((score) => {
    const n = distribution[String(score)];
    return { score, count: typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0 };
  });
  const total = counts.reduce((sum, row) => sum + row.count, 0);
  return counts.map((row) => ({ ...row, share: total === 0 ? null : row.count / total }));
}

/** The daily series, in the order the table's columns have them. */
export const DAILY_SERIES = [
  { key: 'registrations', label: 'Registrations' },
  { key: 'cancellations', label: 'Cancellations' },
  { key: 'waitlist_joins', label: 'Waitlist joins' },
  { key: 'promotions', label: 'Promotions' },
  { key: 'check_ins', label: 'Check-ins' },
] as const satisfies readonly { key: keyof DailyActivity; label: string }[];
