import { useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/datetime';
import type { EventOut } from '@/types/api';
import { useMyEvents, type MyEventsWhen } from '../api/get-my-events';

const TABS: { when: MyEventsWhen; label: string }[] = [
  { when: 'upcoming', label: 'Upcoming' },
  { when: 'past', label: 'Past' },
  { when: 'drafts', label: 'Drafts' },
];

function MyEventCard({ event }: { event: EventOut }) {
  const id = encodeURIComponent(event.id);
  return (
    <li className="panel stack" aria-labelledby={`my-event-${event.id}`}>
      <h3 id={`my-event-${event.id}`}>{event.title}</h3>
      <p>
        {/* The event's own zone: the organizer plans in the place's local time. */}
        <time dateTime={event.starts_at}>
          {formatDateTime(event.starts_at, event.timezone)}
        </time>{' '}
        <span className="muted">({event.timezone})</span>
      </p>
      <p data-testid="my-event-seats">
        Seats: {event.confirmed_count}/{event.capacity} · Waitlist: {event.waitlist_length} ·
        Status: {event.status}
      </p>
      <nav aria-label={`Links for ${event.title}`}>
        <ul className="nav-list">
          <li>
            <Link to={`/events/${id}/manage`}>Manage</Link>
          </li>
          <li>
            <Link to={`/events/${id}/check-in`}>Check-in</Link>
          </li>
          <li>
            <Link to={`/events/${id}`}>Feedback</Link>
          </li>
          <li>
            <Link to={`/events/${id}/analytics`}>Analytics</Link>
          </li>
        </ul>
      </nav>
    </li>
  );
}

/** "My events": the organizer's events by tab, as phone-first cards. */
export function MyEventsHome() {
  const [when, setWhen] = useState<MyEventsWhen>('upcoming');
  const [page, setPage] = useState(1);
  const query = useMyEvents(when, page);
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <div className="stack">
      <div role="tablist" aria-label="Which events" className="inline-form">
        {TABS.map((tab) => (
          <button
            key={tab.when}
            type="button"
            role="tab"
            aria-selected={when === tab.when}
            className={when === tab.when ? 'button button--primary' : 'button'}
            onClick={() => {
              setWhen(tab.when);
              setPage(1);
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find((t) => t.when === when)?.label}>
        <ProblemAlert error={query.error} title="Could not load your events" />
        {query.isPending ? <Loading /> : null}
        {data && data.items.length === 0 ? <p className="muted">No events here yet.</p> : null}
        {data && data.items.length > 0 ? (
          <ul className="stack" aria-label="Your events">
            {data.items.map((event) => (
              <MyEventCard key={event.id} event={event} />
            ))}
          </ul>
        ) : null}
        {pages > 1 ? (
          <p className="inline-form">
            <button
              type="button"
              className="button"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button
              type="button"
              className="button"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              Next
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}
