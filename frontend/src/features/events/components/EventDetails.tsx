import { browserTimeZone, formatDateTime } from '@/lib/datetime';
import type { EventOut } from '@/types/api';
import { CATEGORY_LABELS } from './event-status';
import { StatusBadge } from './StatusBadge';

function When({ iso, eventZone }: { iso: string; eventZone: string }) {
  const here = browserTimeZone();
  return (
    <>
      <time dateTime={iso}>{formatDateTime(iso, here)}</time>
      {eventZone !== here ? (
        <span className="muted"> ({formatDateTime(iso, eventZone)} local to the event)</span>
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
  const { location } = event;
  const calendarHref = `/api/events/${encodeURIComponent(event.id)}/calendar.ics`;
  return (
    <article className="event-details" aria-labelledby="event-title">
      <header className="event-details__header">
        <p className="event-details__meta">
          <span className="chip">{CATEGORY_LABELS[event.category] ?? event.category}</span>{' '}
          <StatusBadge event={event} />
        </p>
        <h1 id="event-title">{event.title}</h1>
        {event.tags.length > 0 ? (
          <ul className="tags" aria-label="Tags">
            {event.tags.map((tag) => (
              <li key={tag}>#{tag}</li>
            ))}
          </ul>
        ) : null}
      </header>

      {event.description ? <p className="event-details__description">{event.description}</p> : null}

      <dl className="facts">
        <div>
          <dt>Starts</dt>
          <dd>
            <When iso={event.starts_at} eventZone={event.timezone} />
          </dd>
        </div>
        <div>
          <dt>Ends</dt>
          <dd>
            <When iso={event.ends_at} eventZone={event.timezone} />
          </dd>
        </div>
        <div>
          <dt>Event time zone</dt>
          <dd>{event.timezone}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>
            {location.venue ? `${location.venue}, ` : ''}
            {location.city}, {location.country}
            {location.online_url ? (
              <>
                {' · '}
                <a href={location.online_url} rel="noopener noreferrer" target="_blank">
                  Join online
                </a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>
            Seats
            {live ? (
              <span className="live-dot" data-testid="live-indicator">
                {' '}
                · live
              </span>
            ) : null}
          </dt>
          <dd data-testid="seats" aria-live="polite" aria-atomic="true">
            {event.seats_left} of {event.capacity} left ({event.confirmed_count} confirmed)
          </dd>
        </div>
        <div>
          <dt>Waitlist</dt>
          <dd data-testid="waitlist" aria-live="polite" aria-atomic="true">
            {event.waitlist_enabled ? `${event.waitlist_length} waiting` : 'No waitlist'}
          </dd>
        </div>
        <div>
          <dt>Organizer</dt>
          <dd>{event.organizer.name}</dd>
        </div>
        <div>
          <dt>Rating</dt>
          <dd>
            {event.rating_count > 0 && event.rating_avg !== null
              ? `${event.rating_avg.toFixed(1)} / 5 from ${event.rating_count} rating${event.rating_count === 1 ? '' : 's'}`
              : 'Not rated yet'}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{event.status}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={event.created_at}>{formatDateTime(event.created_at)}</time>
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
            Add to Google Calendar
          </a>
        ) : null}
        <a className="button" href={calendarHref} download>
          Download .ics
        </a>
      </p>
    </article>
  );
}
