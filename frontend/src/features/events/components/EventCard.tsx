import { Link } from 'react-router';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { seatWording } from '@/lib/count-label';
import type { EventOut } from '@/types/api';
import { CATEGORY_LABELS } from './event-status';
import { StatusBadge } from './StatusBadge';

export function EventCard({ event }: { event: EventOut }) {
  const t = useT();
  const format = useFormat();
  const titleId = `event-${event.id}-title`;
  const seats = seatWording(event.seats_left, event.capacity);
  return (
    <article className="card" aria-labelledby={titleId} data-testid="event-card">
      <div className="card__top">
        <span className="chip">
          {t(`events.category.${event.category}`, {
            defaultValue: CATEGORY_LABELS[event.category] ?? event.category,
          })}
        </span>
        <StatusBadge event={event} />
      </div>
      <h3 id={titleId} className="card__title">
        <Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>
      </h3>
      <dl className="card__facts">
        <div>
          <dt>{t('events.card.when')}</dt>
          <dd>
            <time dateTime={event.starts_at}>{format.dateTime(event.starts_at)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('events.card.where')}</dt>
          <dd>
            {event.location.city}, {event.location.country}
          </dd>
        </div>
        <div>
          <dt>{t('events.card.seats')}</dt>
          <dd data-testid="card-seats">
            {t(`events.card.${seats.key}`, {
              count: seats.count,
              left: format.number(seats.left),
              capacity: format.number(event.capacity),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('events.card.waitlist')}</dt>
          <dd>{format.number(event.waitlist_length)}</dd>
        </div>
      </dl>
    </article>
  );
}
