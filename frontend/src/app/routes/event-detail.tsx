import { Link, useParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useEvent } from '@/features/events/api/get-event';
import { EventDetails } from '@/features/events/components/EventDetails';
import { GuestRegistrations } from '@/features/registrations/components/GuestRegistrations';
import { RegistrationForm } from '@/features/registrations/components/RegistrationForm';
import { isApiError } from '@/lib/api-client';

export function EventDetailRoute() {
  const id = useParams().id ?? '';
  const event = useEvent(id);

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
        <EventDetails event={data} />
        <div className="stack">
          <RegistrationForm
            eventId={data.id}
            closed={data.status === 'cancelled' || data.status === 'draft'}
          />
          <GuestRegistrations eventId={data.id} />
          <p>
            <Link to={`/events/${encodeURIComponent(data.id)}/manage`}>Manage this event</Link>
          </p>
        </div>
      </div>
    </>
  );
}
