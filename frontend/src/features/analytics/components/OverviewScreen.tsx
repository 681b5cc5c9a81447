import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useOrganizers } from '../api/get-organizers';
import { useOverview } from '../api/get-overview';
import { overviewCsv } from '../api/paths';
import { ChartPanel } from './ChartPanel';
import {
  activeFilterCount,
  overviewFiltersToQuery,
  overviewFiltersToSearchParams,
  parseOverviewFilters,
  type OverviewFilterValues,
} from './filters';
import { OverviewFilterForm } from './OverviewFilterForm';
import {
  CategoryAttendanceChart,
  MonthlyRegistrationsChart,
  TopEventsChart,
} from './OverviewCharts';
import { CategoryTable, MonthlyTable, TopEventsTable } from './OverviewTables';
import { overviewStats } from './overview-stats';
import { StatCards } from './StatCards';

interface OverviewScreenProps {
  /** Admins and analysts see every event and may pick an organizer; organizers see their own. */
  mayPickOrganizer: boolean;
  /** Admins may list accounts, so the organizer field suggests names. */
  mayListOrganizers: boolean;
}

const NO_MATCH = 'No events match these filters.';

/** /analytics: totals and three charts over the events the filters (in the URL) select. */
export function OverviewScreen({ mayPickOrganizer, mayListOrganizers }: OverviewScreenProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseOverviewFilters(searchParams), [searchParams]);
  const query = useMemo(
    () => overviewFiltersToQuery(filters, mayPickOrganizer),
    [filters, mayPickOrganizer],
  );
  const overview = useOverview(query);
  const organizers = useOrganizers(mayListOrganizers && mayPickOrganizer);
  const apply = (values: OverviewFilterValues) => {
    setSearchParams(overviewFiltersToSearchParams(values));
  };
  const filtered = activeFilterCount(filters);
  const data = overview.data;

  return (
    <>
      <title>Analytics · EventConnect</title>
      <h1>Analytics</h1>
      <p className="muted">
        {mayPickOrganizer
          ? 'All published and cancelled events'
          : 'Your published and cancelled events'}
        {filtered > 0 ? `, ${filtered} filter${filtered === 1 ? '' : 's'} applied` : ''}.
      </p>
      <OverviewFilterForm
        values={filters}
        onApply={apply}
        mayPickOrganizer={mayPickOrganizer}
        organizers={organizers.data}
      />
      {overview.isPending ? <Loading label="Loading analytics…" /> : null}
      {overview.isError ? (
        <ProblemAlert error={overview.error} title="Could not load the analytics" />
      ) : null}
      {data ? (
        <div
          className="analytics"
          aria-busy={overview.isFetching || undefined}
          data-testid="analytics-overview"
          data-stale={overview.isPlaceholderData || undefined}
        >
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading" className="visually-hidden">
              Totals
            </h2>
            <StatCards label="Totals" stats={overviewStats(data)} />
          </section>
          <ChartPanel
            title="Registrations per month"
            description="Bar chart of registrations per month of the events’ start; the table view has the figures."
            testId="panel-by-month"
            empty={data.by_month.length === 0 ? NO_MATCH : null}
            csv={overviewCsv({ ...query }, 'by_month')}
            chart={<MonthlyRegistrationsChart rows={data.by_month} />}
            table={<MonthlyTable rows={data.by_month} />}
          />
          <ChartPanel
            title="Attendance rate per category"
            description="Bar chart of the share of confirmed registrations that checked in, per category; the table view has the figures."
            testId="panel-by-category"
            empty={data.by_category.length === 0 ? NO_MATCH : null}
            csv={overviewCsv({ ...query }, 'by_category')}
            chart={<CategoryAttendanceChart rows={data.by_category} />}
            table={<CategoryTable rows={data.by_category} />}
          />
          <ChartPanel
            title="Top events"
            description="Bar chart of the events with the most registrations; the table view lists them."
            testId="panel-top-events"
            empty={data.top_events.length === 0 ? NO_MATCH : null}
            csv={overviewCsv({ ...query }, 'top_events')}
            chart={<TopEventsChart rows={data.top_events} />}
            table={<TopEventsTable rows={data.top_events} />}
          />
        </div>
      ) : null}
    </>
  );
}
