// The overview's drawings (recharts, loaded with the analytics screens only). Each one is the
// picture of a table beside it, which holds the exact figures. Ticks, labels and tooltips are
// written as the tables write them, in the person's language.
import { Bar, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { CategoryRow, MonthRow, TopEvent } from '../api/types';
import { useAnalyticsFormat } from './analytics-format';
import { ChartFrame } from './ChartFrame';
import { ratePercent, shortLabel } from './format';
import { AXIS_COLOR, barListHeight, CHART_HEIGHT, SERIES, TICK } from './palette';
import { tooltipCount, tooltipLabelFrom } from './tooltip';

export function MonthlyRegistrationsChart({ rows }: { rows: readonly MonthRow[] }) {
  const f = useAnalyticsFormat();
  const data = rows.map((row) => ({
    label: f.month(row.month, true),
    month: f.month(row.month),
    registrations: row.registrations,
  }));
  return (
    <ChartFrame data={data} height={CHART_HEIGHT}>
      <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" minTickGap={8} />
      <YAxis
        allowDecimals={false}
        tick={TICK}
        width={40}
        tickFormatter={(value: number) => f.count(value)}
      />
      <Tooltip labelFormatter={tooltipLabelFrom('month')} formatter={tooltipCount(f.locale)} />
      <Bar
        dataKey="registrations"
        name={f.t('analytics.series.registrations')}
        fill={SERIES[0].color}
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}

export function CategoryAttendanceChart({ rows }: { rows: readonly CategoryRow[] }) {
  const f = useAnalyticsFormat();
  const data = rows.map((row) => ({
    label: f.category(row.category),
    attendance: ratePercent(row.attendance_rate),
    rate: row.attendance_rate,
  }));
  return (
    <ChartFrame data={data} height={CHART_HEIGHT}>
      <XAxis dataKey="label" tick={TICK} interval={0} minTickGap={0} />
      <YAxis
        domain={[0, 100]}
        tick={TICK}
        width={48}
        tickFormatter={(value: number) => f.rate(value / 100)}
      />
      <Tooltip
        formatter={(_, __, item) =>
          f.rate((item.payload as { rate: number | null } | undefined)?.rate)
        }
      />
      <Bar
        dataKey="attendance"
        name={f.t('analytics.stats.attendanceRate')}
        fill={SERIES[2].color}
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}

/** An event's title, written above its bar: a phone has no room for a title axis beside it. */
function TitleAbove(props: { viewBox?: unknown; value?: unknown }) {
  const box = props.viewBox as { x?: number; y?: number } | undefined;
  if (typeof box?.x !== 'number' || typeof box.y !== 'number') return null;
  return (
    <text x={box.x} y={box.y - 5} fill={AXIS_COLOR} fontSize={12}>
      {typeof props.value === 'string' ? props.value : ''}
    </text>
  );
}

export function TopEventsChart({ rows }: { rows: readonly TopEvent[] }) {
  const f = useAnalyticsFormat();
  const data = rows.map((row) => ({
    label: shortLabel(row.title, 44),
    title: row.title,
    registrations: row.registrations,
  }));
  return (
    <ChartFrame
      layout="vertical"
      data={data}
      // Room above each bar for its title and right of it for the count.
      margin={{ top: 16, right: 32 }}
      barCategoryGap="45%"
      height={barListHeight(data.length)}
    >
      <XAxis
        type="number"
        allowDecimals={false}
        tick={TICK}
        tickFormatter={(value: number) => f.count(value)}
      />
      <YAxis type="category" dataKey="label" hide />
      <Tooltip labelFormatter={tooltipLabelFrom('title')} formatter={tooltipCount(f.locale)} />
      <Bar
        dataKey="registrations"
        name={f.t('analytics.series.registrations')}
        fill={SERIES[3].color}
        isAnimationActive={false}
      >
        <LabelList dataKey="label" content={<TitleAbove />} />
        <LabelList
          dataKey="registrations"
          position="right"
          fill={AXIS_COLOR}
          fontSize={12}
          formatter={(value: unknown) => f.count(Number(value))}
        />
      </Bar>
    </ChartFrame>
  );
}
