import type { AnalyticsOverview } from '../api/types';
import type { AnalyticsFormat } from './analytics-format';
import type { Stat } from './StatCards';

/** The overview's totals, in the order the issue lists them. */
export function overviewStats(overview: AnalyticsOverview, f: AnalyticsFormat): Stat[] {
  const { t } = f;
  return [
    { id: 'events', label: t('analytics.stats.events'), value: f.count(overview.events) },
    {
      id: 'registrations',
      label: t('analytics.stats.registrations'),
      value: f.count(overview.registrations),
    },
    {
      id: 'cancellations',
      label: t('analytics.stats.cancellations'),
      value: f.count(overview.cancellations),
    },
    {
      id: 'unique-attendees',
      label: t('analytics.stats.uniqueAttendees'),
      value: f.count(overview.unique_attendees),
    },
    {
      id: 'repeat-attendees',
      label: t('analytics.stats.repeatAttendees'),
      value: f.count(overview.repeat_attendees),
      note: t('analytics.stats.repeatAttendeesNote', { formatted: f.count(2) }),
    },
    {
      id: 'attendance-rate',
      label: t('analytics.stats.attendanceRate'),
      value: f.rate(overview.attendance_rate),
      note: t('analytics.stats.attendanceRateNote'),
    },
    {
      id: 'rating',
      label: t('analytics.stats.rating'),
      value: f.rating(overview.rating_avg),
      note: t('analytics.stats.ratingNote', { formatted: f.count(5) }),
    },
  ];
}
