import { Link } from 'react-router';
import { formatDateTime } from '@/lib/datetime';
import type { EventOut } from '@/types/api';
import { CATEGORY_LABELS } from './event-status';
import { StatusBadge } from './StatusBadge';

export function EventCard({ event }: { event: EventOut }) {
  const titleId = `event-${event.id}-title`;
  return (
    <article className="card" aria-labelledby={titleId} data-testid="event-card">
      <div className="card__top">
        <span className="chip">{CATEGORY_LABELS[event.category] ?? event.category}</span>
        <StatusBadge event={event} />
      </div>
      <h3 id={titleId} className="card__title">
        <Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>
      </h3>
      <dl className="card__facts">
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={event.starts_at}>{formatDateTime(event.starts_at)}</time>
          </dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>
            {event.location.city}, {event.location.country}
          </dd>
        </div>
        <div>
          <dt>Seats</dt>
          <dd>
            {event.seats_left} / {event.capacity} left
          </dd>
        </div>
        <div>
          <dt>Waitlist</dt>
          <dd>{event.waitlist_length}</dd>
        </div>
      </dl>
    </article>
  );
}
