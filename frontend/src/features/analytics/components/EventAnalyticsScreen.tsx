import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { isApiError } from '@/lib/api-client';
import { canManageEvent } from '@/lib/authorization';
import type { Me } from '@/types/api';
import { useEventAnalytics } from '../api/get-event-analytics';
import { eventCsv } from '../api/paths';
import { useAnalyticsFormat } from './analytics-format';
import { ChartPanel } from './ChartPanel';
import { DailyActivityChart, RatingDistributionChart } from './EventCharts';
import { DailyTable, ScoreTable } from './EventTables';
import { eventCountStats, eventRateStats, scoreRows } from './event-stats';
import { StatCards } from './StatCards';

interface EventAnalyticsScreenProps {
  eventId: string;
  /** The signed-in account: the owner and admins get a link back to the manage screen. */
  user: Pick<Me, 'id' | 'role'> | null;
}

/** /events/:id/analytics: one event's counts, rates, ratings and day-by-day activity. */
export function EventAnalyticsScreen({ eventId, user }: EventAnalyticsScreenProps) {
  const f = useAnalyticsFormat();
  const { t } = f;
  const analytics = useEventAnalytics(eventId);
  const eventPath = `/events/${encodeURIComponent(eventId)}`;

  if (analytics.isPending) return <Loading label={t('analytics.event.loading')} />;
  if (analytics.isError) {
    const refused = isApiError(analytics.error) && analytics.error.status === 403;
    const missing = isApiError(analytics.error) && analytics.error.status === 404;
    return (
      <>
        <title>
          {refused
            ? t('analytics.event.refusedDocumentTitle')
            : t('analytics.overview.documentTitle')}
        </title>
        <h1>{refused ? t('analytics.event.refusedHeading') : t('analytics.event.loadFailed')}</h1>
        {refused ? <p>{t('analytics.event.refusedText')}</p> : null}
        <ProblemAlert
          error={analytics.error}
          onRetry={refused || missing ? undefined : () => void analytics.refetch()}
        />
        <p>
          <Link to={eventPath}>{t('analytics.event.toEventPage')}</Link>
        </p>
      </>
    );
  }

  const a = analytics.data;
  const scores = scoreRows(a.rating_distribution);
  const mayManage = canManageEvent(user, { organizer: { id: a.organizer_id } });
  return (
    <>
      <title>{t('analytics.event.documentTitle', { title: a.title })}</title>
      <p className="breadcrumb">
        {mayManage ? (
          <Link to={`${eventPath}/manage`}>{t('analytics.event.backToManage')}</Link>
        ) : (
          <Link to="/analytics">{t('analytics.event.backToOverview')}</Link>
        )}
        {' · '}
        <Link to={eventPath}>{t('analytics.event.publicPage')}</Link>
      </p>
      <header className="manage-header">
        <h1>{t('analytics.event.heading', { title: a.title })}</h1>
        <p className="muted">
          {f.dateTime(a.starts_at, a.timezone)} · {f.category(a.category)} · {f.status(a.status)}
        </p>
      </header>
      <div className="analytics" data-testid="event-analytics">
        <section aria-labelledby="event-counts-heading">
          <h2 id="event-counts-heading">{t('analytics.event.counts.heading')}</h2>
          <StatCards label={t('analytics.event.counts.label')} stats={eventCountStats(a, f)} />
        </section>
        <section aria-labelledby="event-rates-heading">
          <h2 id="event-rates-heading">{t('analytics.event.rates.heading')}</h2>
          <StatCards label={t('analytics.event.rates.heading')} stats={eventRateStats(a, f)} />
        </section>
        <ChartPanel
          title={t('analytics.event.scores.title')}
          description={t('analytics.event.scores.description')}
          testId="panel-scores"
          empty={a.rating_count === 0 ? t('analytics.event.scores.empty') : null}
          chart={<RatingDistributionChart rows={scores} />}
          table={<ScoreTable rows={scores} />}
        />
        <ChartPanel
          title={t('analytics.event.daily.title')}
          description={t('analytics.event.daily.description', { timezone: a.timezone })}
          testId="panel-daily"
          empty={a.daily.length === 0 ? t('analytics.event.daily.empty') : null}
          csv={eventCsv(a.event_id)}
          chart={<DailyActivityChart days={a.daily} />}
          table={<DailyTable days={a.daily} timezone={a.timezone} />}
        />
        <p className="muted">{t('analytics.event.zoneNote', { timezone: a.timezone })}</p>
      </div>
    </>
  );
}
