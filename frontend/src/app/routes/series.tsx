import { Link, useParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { StatusBadge } from '@/features/events/components/StatusBadge';
import { useSeries } from '@/features/series/api/series';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';

/** A recurring series: its occurrences with date (in the event's own zone), seats and status. */
export function SeriesRoute() {
  const t = useT();
  const format = useFormat();
  const id = useParams().id ?? '';
  const series = useSeries(id);

  if (series.isPending) return <Loading label={t('member.series.loading')} />;
  if (series.isError) {
    return (
      <>
        <h1>{t('member.series.loadFailed')}</h1>
        <ProblemAlert error={series.error} onRetry={() => void series.refetch()} />
        <p>
          <Link to="/">{t('member.series.back')}</Link>
        </p>
      </>
    );
  }
  const data = series.data;
  const title = data.occurrences[0]?.title ?? t('member.series.fallbackTitle');
  return (
    <>
      <title>{t('member.series.documentTitle', { title })}</title>
      <p className="breadcrumb">
        <Link to="/">← {t('member.series.allEvents')}</Link>
      </p>
      <h1>{title}</h1>
      <p className="muted">
        {t('member.series.summary', { count: data.occurrences.length, zone: data.timezone })}
      </p>
      <ul className="stack" aria-label={t('member.series.occurrences')}>
        {data.occurrences.map((event) => (
          <li key={event.id} className="card" data-testid="occurrence">
            <p>
              <Link to={`/events/${encodeURIComponent(event.id)}`}>
                {format.dateTime(event.starts_at, event.timezone)}
              </Link>
            </p>
            <p>
              {t('member.series.seats', {
                left: format.number(event.seats_left),
                capacity: format.number(event.capacity),
              })}{' '}
              <StatusBadge event={event} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
