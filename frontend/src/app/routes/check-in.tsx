import '@/i18n/areas/door';
import { Link, useParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useAuth } from '@/features/auth/components/use-auth';
import { DoorScreen } from '@/features/check-in/components/DoorScreen';
import { useEvent } from '@/features/events/api/get-event';
import { canManageEvent } from '@/lib/authorization';

/** /events/:id/check-in — the door screen, for the event's organizer and admins. */
export function CheckInRoute() {
  const id = useParams().id ?? '';
  const event = useEvent(id);
  const { user } = useAuth();

  if (event.isPending) return <Loading label="Loading event…" />;
  if (event.isError) {
    return (
      <>
        <h1>Could not load the event</h1>
        <ProblemAlert error={event.error} />
      </>
    );
  }
  const data = event.data;
  const managePath = `/events/${encodeURIComponent(data.id)}/manage`;
  if (!canManageEvent(user, data)) {
    return (
      <>
        <title>Not allowed · EventConnect</title>
        <h1>Not your event</h1>
        <p>Only the organizer of “{data.title}” or an admin can check people in.</p>
        <p>
          <Link to={`/events/${encodeURIComponent(data.id)}`}>Go to the event page</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <title>{`Check-in: ${data.title} · EventConnect`}</title>
      <p className="breadcrumb">
        <Link to={managePath}>← Manage event</Link>
      </p>
      <h1>Check-in: {data.title}</h1>
      <DoorScreen eventId={data.id} timeZone={data.timezone} />
    </>
  );
}
