import { Link, useLocation, useParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useAuth } from '@/features/auth/components/use-auth';
import { useEvent } from '@/features/events/api/get-event';
import { EventDetails } from '@/features/events/components/EventDetails';
import { EventRatings } from '@/features/ratings/components/EventRatings';
import { RatingForm } from '@/features/ratings/components/RatingForm';
import { ratingWindow } from '@/features/ratings/components/rating-window';
import { useMyRegistrations } from '@/features/registrations/api/get-my-registrations';
import { GuestRegistrations } from '@/features/registrations/components/GuestRegistrations';
import { MemberRegistration } from '@/features/registrations/components/MemberRegistration';
import { RegistrationForm } from '@/features/registrations/components/RegistrationForm';
import { isApiError } from '@/lib/api-client';
import { canManageEvent, canRegisterAsSelf, loginPath } from '@/lib/authorization';
import { useLiveSeats } from '@/lib/live';
import { useSession } from '@/lib/use-session';
import type { EventOut } from '@/types/api';

/** Guests fill in name and email; accounts register as themselves; analysts only read. */
function Registration({ event }: { event: EventOut }) {
  const { loggedIn, user, loading } = useAuth();
  const here = useLocation().pathname;
  const closed = event.status === 'cancelled' || event.status === 'draft';

  if (!loggedIn) {
    return (
      <>
        <RegistrationForm eventId={event.id} closed={closed} />
        <p className="muted">
          Have an account? <Link to={loginPath(here)}>Log in</Link> to register as yourself.
        </p>
      </>
    );
  }
  if (loading) return <Loading label="Checking your account…" />;
  if (user && canRegisterAsSelf(user)) {
    return <MemberRegistration eventId={event.id} userName={user.name} closed={closed} />;
  }
  return (
    <p className="muted">
      Your account can read events but not register. Log out to register as a guest.
    </p>
  );
}

/**
 * From the event's start (until 30 days after its end) a member with a confirmed registration
 * rates it here; guests rate from their registration page (the link in their emails).
 */
function Rating({ event }: { event: EventOut }) {
  const session = useSession();
  const here = useLocation().pathname;
  // Same query (and cache) as the registration panel: the member's first 100 registrations.
  const mine = useMyRegistrations({ page_size: 100 });
  if (ratingWindow(event) !== 'open') return null;
  if (!session) {
    return (
      <p className="muted">
        Went to this event? <Link to={loginPath(here)}>Log in</Link> to rate it, or use the link in
        your confirmation email.
      </p>
    );
  }
  const confirmed = mine.data?.items.some(
    (r) => r.event.id === event.id && r.status === 'confirmed',
  );
  if (!confirmed) return null;
  return <RatingForm eventId={event.id} rater={{ kind: 'member', session }} />;
}

export function EventDetailRoute() {
  const id = useParams().id ?? '';
  const event = useEvent(id);
  const { user } = useAuth();
  const live = useLiveSeats(id);

  if (event.isPending) return <Loading label="Loading event…" />;
  if (event.isError) {
    const notFound = isApiError(event.error) && event.error.status === 404;
    return (
      <>
        <h1>{notFound ? 'Event not found' : 'Could not load the event'}</h1>
        <ProblemAlert error={event.error} />
        <p>
          <Link to="/">Back to all events</Link>
        </p>
      </>
    );
  }

  const data = event.data;
  return (
    <>
      <title>{`${data.title} · EventConnect`}</title>
      <p className="breadcrumb">
        <Link to="/">← All events</Link>
      </p>
      <div className="detail-layout">
        <EventDetails event={data} live={live} />
        <div className="stack">
          {data.series_id ? (
            <p>
              Part of a series:{' '}
              <Link to={`/series/${encodeURIComponent(data.series_id)}`}>see all its dates</Link>
            </p>
          ) : null}
          <Registration event={data} />
          <Rating event={data} />
          <GuestRegistrations eventId={data.id} />
          {canManageEvent(user, data) ? (
            <p>
              <Link to={`/events/${encodeURIComponent(data.id)}/manage`}>Manage this event</Link>
            </p>
          ) : null}
        </div>
      </div>
      {ratingWindow(data) !== 'not_open' || data.rating_count > 0 ? (
        <EventRatings eventId={data.id} />
      ) : null}
    </>
  );
}
