import { useMemo } from 'react';
import type { DailyActivity } from '../api/types';
import { useAnalyticsFormat, type AnalyticsFormat } from './analytics-format';
import { DataTable, type Column } from './DataTable';
import { DAILY_SERIES, type ScoreRow } from './event-stats';

const dailyColumns = (f: AnalyticsFormat): Column<DailyActivity>[] => [
  {
    header: f.t('analytics.columns.date'),
    rowHeader: true,
    cell: (day) => <time dateTime={day.date}>{f.day(day.date, true)}</time>,
  },
  // One column per line of the chart, in the legend's order.
  ...DAILY_SERIES.map((series): Column<DailyActivity> => ({
    header: f.t(`analytics.series.${series.label}`),
    numeric: true,
    cell: (day) => f.count(day[series.key]),
  })),
];

const scoreColumns = (f: AnalyticsFormat): Column<ScoreRow>[] => [
  {
    header: f.t('analytics.columns.score'),
    rowHeader: true,
    cell: (row) =>
      f.t('analytics.event.scores.stars', { count: row.score, formatted: f.count(row.score) }),
  },
  { header: f.t('analytics.columns.ratings'), numeric: true, cell: (row) => f.count(row.count) },
  { header: f.t('analytics.columns.share'), numeric: true, cell: (row) => f.rate(row.share) },
];

export function DailyTable({
  days,
  timezone,
}: {
  days: readonly DailyActivity[];
  timezone: string;
}) {
  const f = useAnalyticsFormat();
  const columns = useMemo(() => dailyColumns(f), [f]);
  return (
    <DataTable
      testId="daily-table"
      caption={f.t('analytics.event.daily.caption', { timezone })}
      columns={columns}
      rows={days}
      rowKey={(day) => day.date}
    />
  );
}

export function ScoreTable({ rows }: { rows: readonly ScoreRow[] }) {
  const f = useAnalyticsFormat();
  const columns = useMemo(() => scoreColumns(f), [f]);
  return (
    <DataTable
      testId="score-table"
      caption={f.t('analytics.event.scores.title')}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.score}
    />
  );
}
