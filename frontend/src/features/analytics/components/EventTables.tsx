import type { DailyActivity } from '../api/types';
import { DataTable, type Column } from './DataTable';
import { DAILY_SERIES, type ScoreRow } from './event-stats';
import { formatCount, formatDay, formatRate } from './format';

const DAILY_COLUMNS: readonly Column<DailyActivity>[] = [
  {
    header: 'Date',
    rowHeader: true,
    cell: (day) => <time dateTime={day.date}>{formatDay(day.date, true)}</time>,
  },
  // One column per line of the chart, in the legend's order.
  ...DAILY_SERIES.map((series): Column<DailyActivity> => ({
    header: series.label,
    numeric: true,
    cell: (day) => formatCount(day[series.key]),
  })),
];

const SCORE_COLUMNS: readonly Column<ScoreRow>[] = [
  {
    header: 'Score',
    rowHeader: true,
    cell: (row) => `${row.score} star${row.score === 1 ? '' : 's'}`,
  },
  { header: 'Ratings', numeric: true, cell: (row) => formatCount(row.count) },
  { header: 'Share', numeric: true, cell: (row) => formatRate(row.share) },
];

export function DailyTable({
  days,
  timezone,
}: {
  days: readonly DailyActivity[];
  timezone: string;
}) {
  return (
    <DataTable
      testId="daily-table"
      caption={`Activity per day, dates in ${timezone}`}
      columns={DAILY_COLUMNS}
      rows={days}
      rowKey={(day) => day.date}
    />
  );
}

export function ScoreTable({ rows }: { rows: readonly ScoreRow[] }) {
  return (
    <DataTable
      testId="score-table"
      caption="Ratings by score"
      columns={SCORE_COLUMNS}
      rows={rows}
      rowKey={(row) => row.score}
    />
  );
}
