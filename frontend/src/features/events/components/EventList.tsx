import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useEvents, type EventsQuery } from '../api/get-events';
import { EventCard } from './EventCard';

interface EventListProps {
  query: EventsQuery;
  onPageChange: (page: number) => void;
}

export function EventList({ query, onPageChange }: EventListProps) {
  const t = useT();
  const format = useFormat();
  const events = useEvents(query);
  if (events.isPending) return <Loading label={t('events.list.loading')} />;
  if (events.isError)
    return <ProblemAlert error={events.error} title={t('events.list.loadFailed')} />;

  const { items, total, page, page_size, total_exact = true } = events.data;
  return (
    <section aria-labelledby="results-heading" aria-busy={events.isFetching}>
      <h2 id="results-heading" className="results-heading">
        {t(total_exact ? 'events.list.count' : 'events.list.countAtLeast', {
          count: total,
          formatted: format.number(total),
        })}
      </h2>
      {items.length === 0 ? (
        <p className="empty">{t('events.list.empty')}</p>
      ) : (
        <ul className="card-list">
          {items.map((event) => (
            <li key={event.id}>
              <EventCard event={event} />
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageSize={page_size}
        total={total}
        totalExact={total_exact}
        itemCount={items.length}
        onPageChange={onPageChange}
        label={t('events.list.pages')}
      />
    </section>
  );
}
