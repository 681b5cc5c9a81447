// One event's drawings; the tables beside them hold the figures.
import { Bar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyActivity } from '../api/types';
import { useAnalyticsFormat } from './analytics-format';
import { ChartFrame } from './ChartFrame';
import { DAILY_SERIES, type ScoreRow } from './event-stats';
import { CHART_HEIGHT, SERIES, TICK } from './palette';
import { tooltipCount, tooltipLabelFrom } from './tooltip';

export function DailyActivityChart({ days }: { days: readonly DailyActivity[] }) {
  const f = useAnalyticsFormat();
  const data = days.map((day) => ({
    ...day,
    label: f.day(day.date),
    fullDate: f.day(day.date, true),
  }));
  return (
    // Taller than the rest: five series and their legend.
    <ChartFrame kind="line" data={data} height={CHART_HEIGHT + 40}>
      <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" minTickGap={8} />
      <YAxis
        allowDecimals={false}
        tick={TICK}
        width={40}
        tickFormatter={(value: number) => f.count(value)}
      />
      <Tooltip labelFormatter={tooltipLabelFrom('fullDate')} formatter={tooltipCount(f.locale)} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {DAILY_SERIES.map((series, i) => {
        const style = SERIES[i % SERIES.length] ?? SERIES[0];
        return (
          <Line
            key={series.key}
            type="linear"
            dataKey={series.key}
            name={f.t(`analytics.series.${series.label}`)}
            stroke={style.color}
            strokeDasharray={style.dash}
            strokeWidth={2}
            dot={{ r: 3, fill: style.color }}
            isAnimationActive={false}
          />
        );
      })}
    </ChartFrame>
  );
}

export function RatingDistributionChart({ rows }: { rows: readonly ScoreRow[] }) {
  const f = useAnalyticsFormat();
  const data = rows.map((row) => ({ label: `${f.count(row.score)}★`, count: row.count }));
  return (
    <ChartFrame data={data} height={CHART_HEIGHT - 40}>
      <XAxis dataKey="label" tick={TICK} interval={0} />
      <YAxis
        allowDecimals={false}
        tick={TICK}
        width={32}
        tickFormatter={(value: number) => f.count(value)}
      />
      <Tooltip formatter={tooltipCount(f.locale)} />
      <Bar
        dataKey="count"
        name={f.t('analytics.columns.ratings')}
        fill={SERIES[4].color}
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}
