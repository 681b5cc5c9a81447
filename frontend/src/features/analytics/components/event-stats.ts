import type { DailyActivity, EventAnalytics } from '../api/types';
import type { AnalyticsFormat } from './analytics-format';
import { NO_VALUE } from './format';
import type { Stat } from './StatCards';

/** One event's counts: what happened to its registrations. */
export function eventCountStats(a: EventAnalytics, f: AnalyticsFormat): Stat[] {
  const { t } = f;
  return [
    {
      id: 'registrations',
      label: t('analytics.series.registrations'),
      value: f.count(a.registrations),
    },
    {
      id: 'cancellations',
      label: t('analytics.series.cancellations'),
      value: f.count(a.cancellations),
    },
    {
      id: 'waitlist-joins',
      label: t('analytics.series.waitlistJoins'),
      value: f.count(a.waitlist_joins),
    },
    { id: 'promotions', label: t('analytics.series.promotions'), value: f.count(a.promotions) },
    {
      id: 'confirmed',
      label: t('analytics.event.stats.confirmed'),
      value: f.count(a.confirmed),
      note: t('analytics.event.stats.ofSeats', {
        count: a.capacity,
        formatted: f.count(a.capacity),
      }),
    },
    {
      id: 'checked-in',
      label: t('analytics.event.stats.checkedIn'),
      value: f.count(a.checked_in),
    },
  ];
}

/**
 * Its rates and moments. A null rate reads "—" with the reason beside it, and `sold_out_at` is
 * shown in the event's own zone (the organizer thinks of the event in its local time).
 */
export function eventRateStats(a: EventAnalytics, f: AnalyticsFormat): Stat[] {
  const { t } = f;
  return [
    {
      id: 'attendance-rate',
      label: t('analytics.stats.attendanceRate'),
      value: f.rate(a.attendance_rate),
      note:
        a.attendance_rate === null
          ? t('analytics.event.stats.nobodyConfirmed')
          : t('analytics.stats.attendanceRateNote'),
    },
    {
      id: 'no-show-rate',
      label: t('analytics.event.stats.noShowRate'),
      value: f.rate(a.no_show_rate),
      note:
        a.no_show_rate === null
          ? t('analytics.event.stats.noShowPending')
          : t('analytics.event.stats.noShowNote'),
    },
    {
      id: 'waitlist-conversion',
      label: t('analytics.event.stats.waitlistConversion'),
      value: f.rate(a.waitlist_conversion_rate),
      note:
        a.waitlist_conversion_rate === null
          ? t('analytics.event.stats.nobodyWaitlisted')
          : t('analytics.event.stats.waitlistConversionNote'),
    },
    {
      id: 'sold-out-at',
      label: t('analytics.event.stats.soldOut'),
      value: a.sold_out_at ? f.dateTime(a.sold_out_at, a.timezone) : NO_VALUE,
      note: a.sold_out_at ? undefined : t('analytics.event.stats.neverFull'),
    },
    {
      id: 'rating',
      label: t('analytics.stats.rating'),
      value: f.rating(a.rating_avg),
      note:
        a.rating_count === 0
          ? t('analytics.event.stats.noRatings')
          : t('analytics.event.stats.fromRatings', {
              count: a.rating_count,
              formatted: f.count(a.rating_count),
            }),
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

/** The daily series, in the order the table's columns have them (`analytics.series.<label>`). */
export const DAILY_SERIES = [
  { key: 'registrations', label: 'registrations' },
  { key: 'cancellations', label: 'cancellations' },
  { key: 'waitlist_joins', label: 'waitlistJoins' },
  { key: 'promotions', label: 'promotions' },
  { key: 'check_ins', label: 'checkIns' },
] as const satisfies readonly { key: keyof DailyActivity; label: string }[];
