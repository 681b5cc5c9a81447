import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { isApiError } from '@/lib/api-client';
import { useOrganizers } from '../api/get-organizers';
import { useOverview } from '../api/get-overview';
import { overviewCsv } from '../api/paths';
import { useAnalyticsFormat } from './analytics-format';
import { ChartPanel } from './ChartPanel';
import {
  activeFilterCount,
  FILTER_SERVER_FIELDS,
  isReversedRange,
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

/** /analytics: totals and three charts over the events the filters (in the URL) select. */
export function OverviewScreen({ mayPickOrganizer, mayListOrganizers }: OverviewScreenProps) {
  const f = useAnalyticsFormat();
  const { t } = f;
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
  const noMatch = t('analytics.overview.noMatch');
  const error = overview.isError ? overview.error : null;
  // A refused filter (422) comes back the same until the filter changes: no "Try again".
  const refused = isApiError(error) && error.status === 422;
  const scope = mayPickOrganizer ? 'all' : 'own';

  return (
    <>
      <title>{t('analytics.overview.documentTitle')}</title>
      <h1>{t('analytics.overview.heading')}</h1>
      <p className="muted">
        {filtered > 0
          ? t(`analytics.overview.scope.${scope}Filtered`, {
              count: filtered,
              formatted: f.count(filtered),
            })
          : t(`analytics.overview.scope.${scope}`)}
      </p>
      <OverviewFilterForm
        values={filters}
        onApply={apply}
        mayPickOrganizer={mayPickOrganizer}
        organizers={organizers.data}
        serverError={error}
      />
      {overview.isPending ? <Loading label={t('analytics.overview.loading')} /> : null}
      {/* The form shows a refused range next to its "To" field. */}
      {error && !isReversedRange(error) ? (
        <ProblemAlert
          error={error}
          title={t('analytics.overview.loadFailed')}
          shownFields={FILTER_SERVER_FIELDS}
          onRetry={refused ? undefined : () => void overview.refetch()}
        />
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
              {t('analytics.overview.totals')}
            </h2>
            <StatCards label={t('analytics.overview.totals')} stats={overviewStats(data, f)} />
          </section>
          <ChartPanel
            title={t('analytics.overview.byMonth.title')}
            description={t('analytics.overview.byMonth.description')}
            testId="panel-by-month"
            empty={data.by_month.length === 0 ? noMatch : null}
            csv={overviewCsv({ ...query }, 'by_month')}
            chart={<MonthlyRegistrationsChart rows={data.by_month} />}
            table={<MonthlyTable rows={data.by_month} />}
          />
          <ChartPanel
            title={t('analytics.overview.byCategory.title')}
            description={t('analytics.overview.byCategory.description')}
            testId="panel-by-category"
            empty={data.by_category.length === 0 ? noMatch : null}
            csv={overviewCsv({ ...query }, 'by_category')}
            chart={<CategoryAttendanceChart rows={data.by_category} />}
            table={<CategoryTable rows={data.by_category} />}
          />
          <ChartPanel
            title={t('analytics.overview.topEvents.title')}
            description={t('analytics.overview.topEvents.description')}
            testId="panel-top-events"
            empty={data.top_events.length === 0 ? noMatch : null}
            csv={overviewCsv({ ...query }, 'top_events')}
            chart={<TopEventsChart rows={data.top_events} />}
            table={<TopEventsTable rows={data.top_events} />}
          />
        </div>
      ) : null}
    </>
  );
}
