// The overview's figures as tables: the text alternative of each chart and the exact numbers.
import { Link } from 'react-router';
import type { CategoryRow, MonthRow, TopEvent } from '../api/types';
import { DataTable, type Column } from './DataTable';
import { categoryLabel, formatCount, formatMonth, formatRate, formatRating } from './format';

const eventAnalyticsHref = (eventId: string) => `/events/${encodeURIComponent(eventId)}/analytics`;

const MONTH_COLUMNS: readonly Column<MonthRow>[] = [
  { header: 'Month', rowHeader: true, cell: (row) => formatMonth(row.month) },
  { header: 'Events', numeric: true, cell: (row) => formatCount(row.events) },
  { header: 'Registrations', numeric: true, cell: (row) => formatCount(row.registrations) },
  { header: 'Attendance', numeric: true, cell: (row) => formatRate(row.attendance_rate) },
];

const CATEGORY_COLUMNS: readonly Column<CategoryRow>[] = [
  { header: 'Category', rowHeader: true, cell: (row) => categoryLabel(row.category) },
  { header: 'Events', numeric: true, cell: (row) => formatCount(row.events) },
  { header: 'Registrations', numeric: true, cell: (row) => formatCount(row.registrations) },
  { header: 'Attendance', numeric: true, cell: (row) => formatRate(row.attendance_rate) },
  { header: 'Rating', numeric: true, cell: (row) => formatRating(row.rating_avg) },
];

const TOP_EVENT_COLUMNS: readonly Column<TopEvent>[] = [
  // The rank comes first but the title names the row.
  { header: '#', numeric: true, cell: (_, index) => index + 1 },
  {
    header: 'Event',
    rowHeader: true,
    cell: (row) => <Link to={eventAnalyticsHref(row.event_id)}>{row.title}</Link>,
  },
  { header: 'Registrations', numeric: true, cell: (row) => formatCount(row.registrations) },
];

export function MonthlyTable({ rows }: { rows: readonly MonthRow[] }) {
  return (
    <DataTable
      testId="by-month-table"
      caption="Registrations per month of the events’ start"
      columns={MONTH_COLUMNS}
      rows={rows}
      rowKey={(row) => row.month}
    />
  );
}

export function CategoryTable({ rows }: { rows: readonly CategoryRow[] }) {
  return (
    <DataTable
      testId="by-category-table"
      caption="Attendance rate and ratings per category"
      columns={CATEGORY_COLUMNS}
      rows={rows}
      rowKey={(row) => row.category}
    />
  );
}

export function TopEventsTable({ rows }: { rows: readonly TopEvent[] }) {
  return (
    <DataTable
      testId="top-events-table"
      caption="The events with the most registrations"
      columns={TOP_EVENT_COLUMNS}
      rows={rows}
      rowKey={(row) => row.event_id}
    />
  );
}
