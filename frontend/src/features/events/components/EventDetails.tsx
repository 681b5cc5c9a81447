import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { seatWording } from '@/lib/count-label';
import type { EventOut } from '@/types/api';
import { CATEGORY_LABELS } from './event-status';
import { StatusBadge } from './StatusBadge';

function When({ iso, eventZone }: { iso: string; eventZone: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <time dateTime={iso}>{format.dateTime(iso)}</time>
      {eventZone !== format.timeZone ? (
        <span className="muted">
          {' '}
          {t('events.detail.localToEvent', { time: format.dateTime(iso, eventZone) })}
        </span>
      ) : null}
    </>
  );
}

interface EventDetailsProps {
  event: EventOut;
  /** The seat count follows a live connection (the page says so next to it). */
  live?: boolean;
}

/** Every EventOut field, readable. Seats and waitlist are announced when they change. */
export function EventDetails({ event, live = false }: EventDetailsProps) {
  const t = useT();
  const format = useFormat();
  const { location } = event;
  const seats = seatWording(event.seats_left, event.capacity);
  const calendarHref = `/api/events/${encodeURIComponent(event.id)}/calendar.ics`;
  return (
    <article className="event-details" aria-labelledby="event-title">
      <header className="event-details__header">
        <p className="event-details__meta">
          <span className="chip">
            {t(`events.category.${event.category}`, {
              defaultValue: CATEGORY_LABELS[event.category] ?? event.category,
            })}
          </span>{' '}
          <StatusBadge event={event} />
        </p>
        <h1 id="event-title">{event.title}</h1>
        {event.tags.length > 0 ? (
          <ul className="tags" aria-label={t('events.detail.tags')}>
            {event.tags.map((tag) => (
              <li key={tag}>#{tag}</li>
            ))}
          </ul>
        ) : null}
      </header>

      {event.description ? <p className="event-details__description">{event.description}</p> : null}

      <dl className="facts">
        <div>
          <dt>{t('events.detail.starts')}</dt>
          <dd>
            <When iso={event.starts_at} eventZone={event.timezone} />
          </dd>
        </div>
        <div>
          <dt>{t('events.detail.ends')}</dt>
          <dd>
            <When iso={event.ends_at} eventZone={event.timezone} />
          </dd>
        </div>
        <div>
          <dt>{t('events.detail.timeZone')}</dt>
          <dd>{event.timezone}</dd>
        </div>
        <div>
          <dt>{t('events.detail.where')}</dt>
          <dd>
            {location.venue ? `${location.venue}, ` : ''}
            {location.city}, {location.country}
            {location.online_url ? (
              <>
                {' · '}
                <a href={location.online_url} rel="noopener noreferrer" target="_blank">
                  {t('events.detail.joinOnline')}
                </a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>
            {t('events.detail.seats')}
            {live ? (
              <span className="live-dot" data-testid="live-indicator">
                {' '}
                · {t('events.detail.live')}
              </span>
            ) : null}
          </dt>
          <dd data-testid="seats" aria-live="polite" aria-atomic="true">
            {t(`events.detail.${seats.key}`, {
              count: seats.count,
              left: format.number(seats.left),
              capacity: format.number(event.capacity),
              confirmed: format.number(event.confirmed_count),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('events.detail.waitlist')}</dt>
          <dd data-testid="waitlist" aria-live="polite" aria-atomic="true">
            {event.waitlist_enabled
              ? t('events.detail.waiting', {
                  count: event.waitlist_length,
                  formatted: format.number(event.waitlist_length),
                })
              : t('events.detail.noWaitlist')}
          </dd>
        </div>
        <div>
          <dt>{t('events.detail.organizer')}</dt>
          <dd>{event.organizer.name}</dd>
        </div>
        <div>
          <dt>{t('events.detail.rating')}</dt>
          <dd>
            {event.rating_count > 0 && event.rating_avg !== null
              ? t('events.detail.ratingValue', {
                  avg: new Intl.NumberFormat(format.locale, {
                    minimumFractionDigits: 1,
                    maximumFractionDigits: 1,
                  }).format(event.rating_avg),
                  count: event.rating_count,
                })
              : t('events.detail.notRated')}
          </dd>
        </div>
      </dl>

      <p className="inline-form">
        {event.google_calendar_url ? (
          <a
            className="button"
            href={event.google_calendar_url}
            rel="noopener noreferrer"
            target="_blank"
          >
            {t('events.detail.googleCalendar')}
          </a>
        ) : null}
        <a className="button" href={calendarHref} download>
          {t('events.detail.ics')}
        </a>
      </p>
    </article>
  );
}
