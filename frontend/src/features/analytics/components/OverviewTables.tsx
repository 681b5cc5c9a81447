// The overview's figures as tables: the text alternative of each chart and the exact numbers.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { CategoryRow, MonthRow, TopEvent } from '../api/types';
import { useAnalyticsFormat, type AnalyticsFormat } from './analytics-format';
import { DataTable, type Column } from './DataTable';

const eventAnalyticsHref = (eventId: string) => `/events/${encodeURIComponent(eventId)}/analytics`;

const monthColumns = (f: AnalyticsFormat): Column<MonthRow>[] => [
  { header: f.t('analytics.columns.month'), rowHeader: true, cell: (row) => f.month(row.month) },
  { header: f.t('analytics.columns.events'), numeric: true, cell: (row) => f.count(row.events) },
  {
    header: f.t('analytics.columns.registrations'),
    numeric: true,
    cell: (row) => f.count(row.registrations),
  },
  {
    header: f.t('analytics.columns.attendance'),
    numeric: true,
    cell: (row) => f.rate(row.attendance_rate),
  },
];

const categoryColumns = (f: AnalyticsFormat): Column<CategoryRow>[] => [
  {
    header: f.t('analytics.columns.category'),
    rowHeader: true,
    cell: (row) => f.category(row.category),
  },
  { header: f.t('analytics.columns.events'), numeric: true, cell: (row) => f.count(row.events) },
  {
    header: f.t('analytics.columns.registrations'),
    numeric: true,
    cell: (row) => f.count(row.registrations),
  },
  {
    header: f.t('analytics.columns.attendance'),
    numeric: true,
    cell: (row) => f.rate(row.attendance_rate),
  },
  {
    header: f.t('analytics.columns.rating'),
    numeric: true,
    cell: (row) => f.rating(row.rating_avg),
  },
];

const topEventColumns = (f: AnalyticsFormat): Column<TopEvent>[] => [
  // The rank comes first but the title names the row.
  { header: f.t('analytics.columns.rank'), numeric: true, cell: (_, index) => f.count(index + 1) },
  {
    header: f.t('analytics.columns.event'),
    rowHeader: true,
    cell: (row) => <Link to={eventAnalyticsHref(row.event_id)}>{row.title}</Link>,
  },
  {
    header: f.t('analytics.columns.registrations'),
    numeric: true,
    cell: (row) => f.count(row.registrations),
  },
];

export function MonthlyTable({ rows }: { rows: readonly MonthRow[] }) {
  const f = useAnalyticsFormat();
  const columns = useMemo(() => monthColumns(f), [f]);
  return (
    <DataTable
      testId="by-month-table"
      caption={f.t('analytics.overview.byMonth.caption')}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.month}
    />
  );
}

export function CategoryTable({ rows }: { rows: readonly CategoryRow[] }) {
  const f = useAnalyticsFormat();
  const columns = useMemo(() => categoryColumns(f), [f]);
  return (
    <DataTable
      testId="by-category-table"
      caption={f.t('analytics.overview.byCategory.caption')}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.category}
    />
  );
}

export function TopEventsTable({ rows }: { rows: readonly TopEvent[] }) {
  const f = useAnalyticsFormat();
  const columns = useMemo(() => topEventColumns(f), [f]);
  return (
    <DataTable
      testId="top-events-table"
      caption={f.t('analytics.overview.topEvents.caption')}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.event_id}
    />
  );
}
