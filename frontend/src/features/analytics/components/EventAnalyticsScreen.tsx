import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { isApiError } from '@/lib/api-client';
import { canManageEvent } from '@/lib/authorization';
import { formatDateTime } from '@/lib/datetime';
import type { Me } from '@/types/api';
import { useEventAnalytics } from '../api/get-event-analytics';
import { eventCsv } from '../api/paths';
import { ChartPanel } from './ChartPanel';
import { DailyActivityChart, RatingDistributionChart } from './EventCharts';
import { DailyTable, ScoreTable } from './EventTables';
import { eventCountStats, eventRateStats, scoreRows } from './event-stats';
import { categoryLabel } from './format';
import { StatCards } from './StatCards';

interface EventAnalyticsScreenProps {
  eventId: string;
  /** The signed-in account: the owner and admins get a link back to the manage screen. */
  user: Pick<Me, 'id' | 'role'> | null;
}

/** /events/:id/analytics: one event's counts, rates, ratings and day-by-day activity. */
export function EventAnalyticsScreen({ eventId, user }: EventAnalyticsScreenProps) {
  const analytics = useEventAnalytics(eventId);
  const eventPath = `/events/${encodeURIComponent(eventId)}`;

  if (analytics.isPending) return <Loading label="Loading the event’s analytics…" />;
  if (analytics.isError) {
    const refused = isApiError(analytics.error) && analytics.error.status === 403;
    return (
      <>
        <title>{`${refused ? 'Not allowed' : 'Analytics'} · EventConnect`}</title>
        <h1>{refused ? 'Not your event' : 'Could not load the analytics'}</h1>
        {refused ? <p>Only the event’s organizer, admins and analysts see its analytics.</p> : null}
        <ProblemAlert error={analytics.error} />
        <p>
          <Link to={eventPath}>Go to the event page</Link>
        </p>
      </>
    );
  }

  const a = analytics.data;
  const scores = scoreRows(a.rating_distribution);
  const mayManage = canManageEvent(user, { organizer: { id: a.organizer_id } });
  return (
    <>
      <title>{`Analytics: ${a.title} · EventConnect`}</title>
      <p className="breadcrumb">
        {mayManage ? (
          <Link to={`${eventPath}/manage`}>← Manage</Link>
        ) : (
          <Link to="/analytics">← Analytics</Link>
        )}
        {' · '}
        <Link to={eventPath}>Public page</Link>
      </p>
      <header className="manage-header">
        <h1>Analytics: {a.title}</h1>
        <p className="muted">
          {formatDateTime(a.starts_at, a.timezone)} · {categoryLabel(a.category)} · {a.status}
        </p>
      </header>
      <div className="analytics" data-testid="event-analytics">
        <section aria-labelledby="event-counts-heading">
          <h2 id="event-counts-heading">Registrations</h2>
          <StatCards label="Registration counts" stats={eventCountStats(a)} />
        </section>
        <section aria-labelledby="event-rates-heading">
          <h2 id="event-rates-heading">Rates and ratings</h2>
          <StatCards label="Rates and ratings" stats={eventRateStats(a)} />
        </section>
        <ChartPanel
          title="Ratings by score"
          description="Bar chart of how many ratings gave each score from 1 to 5; the table view has the figures."
          testId="panel-scores"
          empty={a.rating_count === 0 ? 'No ratings yet.' : null}
          chart={<RatingDistributionChart rows={scores} />}
          table={<ScoreTable rows={scores} />}
        />
        <ChartPanel
          title="Day by day"
          description={`Line chart of registrations, cancellations, waitlist joins, promotions and check-ins per day (dates in ${a.timezone}); the table view has the figures.`}
          testId="panel-daily"
          empty={a.daily.length === 0 ? 'Nothing has happened yet.' : null}
          csv={eventCsv(a.event_id)}
          chart={<DailyActivityChart days={a.daily} />}
          table={<DailyTable days={a.daily} timezone={a.timezone} />}
        />
        <p className="muted">Dates are in the event’s time zone, {a.timezone}.</p>
      </div>
    </>
  );
}
