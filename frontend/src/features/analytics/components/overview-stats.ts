import type { AnalyticsOverview } from '../api/types';
import { formatCount, formatRate, formatRating } from './format';
import type { Stat } from './StatCards';

/** The overview's totals, in the order the issue lists them. */
export function overviewStats(overview: AnalyticsOverview): Stat[] {
  return [
    { id: 'events', label: 'Events', value: formatCount(overview.events) },
    { id: 'registrations', label: 'Registrations', value: formatCount(overview.registrations) },
    { id: 'cancellations', label: 'Cancellations', value: formatCount(overview.cancellations) },
    {
      id: 'unique-attendees',
      label: 'Unique attendees',
      value: formatCount(overview.unique_attendees),
    },
    {
      id: 'repeat-attendees',
      label: 'Repeat attendees',
      value: formatCount(overview.repeat_attendees),
      note: 'at 2 or more events',
    },
    {
      id: 'attendance-rate',
      label: 'Attendance rate',
      value: formatRate(overview.attendance_rate),
      note: 'checked in of confirmed',
    },
    {
      id: 'rating',
      label: 'Average rating',
      value: formatRating(overview.rating_avg),
      note: 'out of 5',
    },
  ];
}
