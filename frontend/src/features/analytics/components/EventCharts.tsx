// One event's drawings; the tables beside them hold the figures.
import { Bar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyActivity } from '../api/types';
import { ChartFrame } from './ChartFrame';
import { DAILY_SERIES, type ScoreRow } from './event-stats';
import { formatDay } from './format';
import { CHART_HEIGHT, SERIES, TICK } from './palette';
import { formatTooltipCount } from './tooltip';

export function DailyActivityChart({ days }: { days: readonly DailyActivity[] }) {
  const data = days.map((day) => ({ ...day, label: formatDay(day.date) }));
  return (
    // Taller than the rest: five series and their legend.
    <ChartFrame kind="line" data={data} height={CHART_HEIGHT + 40}>
      <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" minTickGap={8} />
      <YAxis allowDecimals={false} tick={TICK} width={40} />
      <Tooltip formatter={formatTooltipCount} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {DAILY_SERIES.map((series, i) => {
        const style = SERIES[i % SERIES.length] ?? SERIES[0];
        return (
          <Line
            key={series.key}
            type="linear"
            dataKey={series.key}
            name={series.label}
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
  const data = rows.map((row) => ({ label: `${row.score}★`, count: row.count }));
  return (
    <ChartFrame data={data} height={CHART_HEIGHT - 40}>
      <XAxis dataKey="label" tick={TICK} interval={0} />
      <YAxis allowDecimals={false} tick={TICK} width={32} />
      <Tooltip formatter={formatTooltipCount} />
      <Bar dataKey="count" name="Ratings" fill={SERIES[4].color} isAnimationActive={false} />
    </ChartFrame>
  );
}
