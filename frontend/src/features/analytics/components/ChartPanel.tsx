import { useId, useState, type ReactNode } from 'react';
import { useT } from '@/i18n';
import type { CsvExport } from '../api/paths';
import { CsvLink } from './CsvLink';

type View = 'chart' | 'table';

interface ChartPanelProps {
  title: string;
  /** The level that keeps the page's headings in order (2 under the h1, 3 inside a section). */
  level?: 2 | 3;
  /** What the chart shows, in words: the figure's accessible name. */
  description: string;
  chart: ReactNode;
  table: ReactNode;
  /** Nothing to draw: says so instead of an empty chart and an empty table. */
  empty?: string | null;
  csv?: CsvExport;
  testId?: string;
}

/**
 * A chart with its table. Wide screens show both side by side; on a phone a "Chart | Table"
 * switch shows one at a time. The table is the chart's text alternative, so the drawing itself
 * is a labelled image and the numbers are always in real table markup.
 */
export function ChartPanel(props: ChartPanelProps) {
  const { title, level = 2, description, chart, table, empty, csv, testId } = props;
  const t = useT();
  const [view, setView] = useState<View>('chart');
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';

  return (
    <section
      className="chart-panel"
      aria-labelledby={headingId}
      data-testid={testId}
      data-view={view}
    >
      <div className="chart-panel__head">
        <Heading id={headingId}>{title}</Heading>
        {empty ? null : (
          <div className="chart-panel__tools">
            <div
              className="segmented"
              role="group"
              aria-label={t('analytics.panel.showAs', { title })}
            >
              {(['chart', 'table'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  className="segmented__option"
                  aria-pressed={view === option}
                  onClick={() => setView(option)}
                >
                  {option === 'chart' ? t('analytics.panel.chart') : t('analytics.panel.table')}
                </button>
              ))}
            </div>
            {csv ? <CsvLink csv={csv} label={title} /> : null}
          </div>
        )}
      </div>
      {empty ? (
        <p className="muted chart-panel__empty">{empty}</p>
      ) : (
        <div className="chart-panel__body">
          <figure className="chart-panel__chart" role="img" aria-label={description}>
            {chart}
          </figure>
          <div
            className="chart-panel__table table-wrap"
            role="region"
            tabIndex={0}
            aria-label={t('analytics.panel.tableRegion', { title })}
          >
            {table}
          </div>
        </div>
      )}
    </section>
  );
}
