import { Link, useParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { StatusBadge } from '@/features/events/components/StatusBadge';
import { useSeries } from '@/features/series/api/series';
import { formatDateTime } from '@/lib/datetime';

/** A recurring series: its occurrences with date (in the event's own zone), seats and status. */
export function SeriesRoute() {
  const id = useParams().id ?? '';
  const series = useSeries(id);

  if (series.isPending) return <Loading label="Loading series…" />;
  if (series.isError) {
    return (
      <>
        <h1>Could not load the series</h1>
        <ProblemAlert error={series.error} />
        <p>
          <Link to="/">Back to all events</Link>
        </p>
      </>
    );
  }
  const data = series.data;
  const title = data.occurrences[0]?.title ?? 'Recurring event';
  return (
    <>
      <title>{`${title} (series) · EventConnect`}</title>
      <p className="breadcrumb">
        <Link to="/">← All events</Link>
      </p>
      <h1>{title}</h1>
      <p className="muted">
        A series of {data.occurrences.length} events, times in {data.timezone}.
      </p>
      <ul className="stack" aria-label="Occurrences">
        {data.occurrences.map((event) => (
          <li key={event.id} className="card" data-testid="occurrence">
            <p>
              <Link to={`/events/${encodeURIComponent(event.id)}`}>
                {formatDateTime(event.starts_at, event.timezone)}
              </Link>
            </p>
            <p>
              {event.seats_left} of {event.capacity} seats left <StatusBadge event={event} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
