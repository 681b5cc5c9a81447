// The setup every analytics chart shares, so each chart says only what it draws.
import type { ComponentProps, ReactNode } from 'react';
import { BarChart, CartesianGrid, LineChart } from 'recharts';
import { GRID_COLOR } from './palette';

const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };

type ChartProps = ComponentProps<typeof BarChart>;

interface ChartFrameProps extends Pick<ChartProps, 'data' | 'layout' | 'barCategoryGap'> {
  kind?: 'bar' | 'line';
  height: number;
  /** Added to the shared margin, e.g. room for labels beyond the bars. */
  margin?: ChartProps['margin'];
  children: ReactNode;
}

/**
 * A full-width chart of a fixed height with grid lines across the value axis only. Recharts'
 * own keyboard layer is off: the figure is a labelled image and its table carries the numbers.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { kind = 'bar', data, layout, barCategoryGap, height, margin, children } = props;
  const Chart = kind === 'line' ? LineChart : BarChart;
  const valuesAlongX = layout === 'vertical';
  return (
    <Chart
      responsive
      layout={layout}
      data={data}
      margin={{ ...MARGIN, ...margin }}
      barCategoryGap={barCategoryGap}
      style={{ width: '100%', height }}
      accessibilityLayer={false}
    >
      <CartesianGrid
        stroke={GRID_COLOR}
        horizontal={valuesAlongX ? false : undefined}
        vertical={valuesAlongX ? undefined : false}
      />
      {children}
    </Chart>
  );
}
