import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/datetime';
import type { MyRegistration } from '@/types/api';
import { useCancelMyRegistration } from '../api/cancel-registration';
import { useMyRegistrations } from '../api/get-my-registrations';

const PAGE_SIZE = 20;

function statusText(r: MyRegistration): string {
  if (r.status === 'waitlisted' && r.waitlist_position != null) {
    return `waitlisted (position ${r.waitlist_position})`;
  }
  return r.status;
}

interface MyRegistrationsListProps {
  /** A confirmed registration's ticket (rendered by the app: tickets are their own feature). */
  ticket?: (registration: MyRegistration) => ReactNode;
}

/** The logged-in account's registrations across events, each cancellable while active. */
export function MyRegistrationsList({ ticket }: MyRegistrationsListProps = {}) {
  const [page, setPage] = useState(1);
  const mine = useMyRegistrations({ page, page_size: PAGE_SIZE });
  const cancel = useCancelMyRegistration();

  if (mine.isPending) return <Loading label="Loading your registrations…" />;
  if (mine.isError) return <ProblemAlert error={mine.error} />;
  const { items, total } = mine.data;
  if (total === 0) {
    return (
      <p className="empty">
        You have not registered for anything yet. <Link to="/">Find an event</Link>.
      </p>
    );
  }
  return (
    <div className="stack">
      {cancel.isSuccess ? (
        <p className="alert alert--success" role="status" data-testid="cancel-result">
          Registration cancelled.
          {cancel.data.promoted_registration_id
            ? ' The next person on the waitlist now has the seat.'
            : ''}
        </p>
      ) : null}
      <ProblemAlert error={cancel.error} title="Could not cancel" />
      <ul className="stack" aria-label="My registrations">
        {items.map((r) => (
          <li
            key={r.registration_id}
            className="mine"
            data-testid="account-registration"
            data-status={r.status}
          >
            <p>
              <Link to={`/events/${encodeURIComponent(r.event.id)}`}>{r.event.title}</Link>
            </p>
            <p className="muted">
              <time dateTime={r.event.starts_at}>{formatDateTime(r.event.starts_at)}</time> ·{' '}
              {r.event.location.city}, {r.event.location.country}
            </p>
            <p>
              <span
                className={`badge badge--${r.status}`}
                data-testid="account-registration-status"
              >
                {statusText(r)}
              </span>
            </p>
            {r.status === 'confirmed' && ticket ? ticket(r) : null}
            {r.status !== 'cancelled' ? (
              <button
                type="button"
                className="button button--danger"
                disabled={cancel.isPending}
                aria-label={`Cancel my registration for ${r.event.title}`}
                onClick={() =>
                  cancel.mutate({ eventId: r.event.id, registrationId: r.registration_id })
                }
              >
                Cancel registration
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <Pagination
        page={mine.data.page}
        pageSize={mine.data.page_size}
        total={total}
        onPageChange={setPage}
        label="Registration pages"
      />
    </div>
  );
}
