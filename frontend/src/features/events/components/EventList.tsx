import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { countLabel } from '@/lib/count-label';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useEvents, type EventsQuery } from '../api/get-events';
import { EventCard } from './EventCard';

interface EventListProps {
  query: EventsQuery;
  onPageChange: (page: number) => void;
}

export function EventList({ query, onPageChange }: EventListProps) {
  const events = useEvents(query);
  if (events.isPending) return <Loading label="Loading events…" />;
  if (events.isError) return <ProblemAlert error={events.error} title="Could not load events" />;

  const { items, total, page, page_size, total_exact = true } = events.data;
  return (
    <section aria-labelledby="results-heading" aria-busy={events.isFetching}>
      <h2 id="results-heading" className="results-heading">
        {countLabel(total, total_exact, 'event', 'events')}
      </h2>
      {items.length === 0 ? (
        <p className="empty">No events match. Try other filters.</p>
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
        label="Event pages"
      />
    </section>
  );
}
