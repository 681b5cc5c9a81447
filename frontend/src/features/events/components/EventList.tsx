import { useDeferredValue } from 'react';
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

/** One grey card with the real card's lines (chip row, title, two rows of facts). */
function SkeletonCard() {
  const fact = (
    <div>
      <dt>
        <span className="skeleton-line skeleton-line--half">&nbsp;</span>
      </dt>
      <dd>
        <span className="skeleton-line">&nbsp;</span>
      </dd>
    </div>
  );
  return (
    <div className="card card--skeleton" aria-hidden="true">
      <div className="card__top">
        <span className="chip skeleton-line skeleton-line--chip">&nbsp;</span>
      </div>
      <p className="card__title">
        <span className="skeleton-line skeleton-line--title">&nbsp;</span>
      </p>
      <dl className="card__facts">
        {fact}
        {fact}
        {fact}
        {fact}
      </dl>
    </div>
  );
}

/** While the list loads: the count heading's line and a page of grey cards, same sizes. */
export function EventListSkeleton({ label, cards = 6 }: { label: string; cards?: number }) {
  return (
    <section className="event-results" role="status" aria-busy="true" data-testid="loading">
      <span className="visually-hidden">{label}</span>
      <p className="results-heading" aria-hidden="true">
        <span className="skeleton-line skeleton-line--chip">&nbsp;</span>
      </p>
      <ul className="card-list">
        {Array.from({ length: cards }, (_, i) => (
          <li key={i}>
            <SkeletonCard />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function EventList({ query, onPageChange }: EventListProps) {
  const t = useT();
  const format = useFormat();
  const events = useEvents(query);
  // The cards render as a deferred (sliced, interruptible) update when a page arrives: twenty of
  // them at once are the longest task of the home page's first load on a phone.
  const data = useDeferredValue(events.data);
  if (events.isPending || !data) return <EventListSkeleton label={t('events.list.loading')} />;
  if (events.isError)
    return (
      <div className="event-results">
        <ProblemAlert
          error={events.error}
          title={t('events.list.loadFailed')}
          onRetry={() => void events.refetch()}
        />
      </div>
    );

  const { items, total, page, page_size, total_exact = true } = data;
  return (
    <section
      className="event-results"
      aria-labelledby="results-heading"
      aria-busy={events.isFetching}
    >
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
