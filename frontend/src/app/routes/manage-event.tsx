import '@/i18n/areas/organizer';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Tabs } from '@/components/Tabs';
import { useAuth } from '@/features/auth/components/use-auth';
import { useEvent } from '@/features/events/api/get-event';
import { EventActions } from '@/features/events/components/EventActions';
import { StatusBadge } from '@/features/events/components/StatusBadge';
import { AttendeesTab } from '@/features/organizer/components/AttendeesTab';
import { HistoryTab } from '@/features/organizer/components/HistoryTab';
import { WaitlistTab } from '@/features/organizer/components/WaitlistTab';
import { FeedbackTab } from '@/features/ratings/components/FeedbackTab';
import { canManageEvent } from '@/lib/authorization';
import { formatDateTime } from '@/lib/datetime';
import { EditEvent } from './edit-event';

const TABS = [
  { id: 'attendees', label: 'Attendees' },
  { id: 'waitlist', label: 'Waitlist' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'history', label: 'History' },
  { id: 'edit', label: 'Edit' },
] as const;

export function ManageEventRoute() {
  const id = useParams().id ?? '';
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = TABS.find((t) => t.id === searchParams.get('tab'))?.id ?? 'attendees';
  const event = useEvent(id);
  const { user } = useAuth();
  const created = (location.state as { created?: boolean } | null)?.created === true;

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
  const publicPath = `/events/${encodeURIComponent(data.id)}`;
  if (!canManageEvent(user, data)) {
    // The server would answer 403 `not_owner` to every tab; say it once, plainly.
    return (
      <>
        <title>Not allowed · EventConnect</title>
        <h1>Not your event</h1>
        <p>Only the organizer of “{data.title}” or an admin can manage it.</p>
        <p>
          <Link to={publicPath}>Go to the event page</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <title>{`Manage: ${data.title} · EventConnect`}</title>
      <p className="breadcrumb">
        <Link to={publicPath}>← Public page</Link>
        {' · '}
        <Link to={`${publicPath}/analytics`}>Analytics</Link>
        {' · '}
        <Link to={`${publicPath}/check-in`}>Door check-in</Link>
      </p>
      {created ? (
        <p className="alert alert--success" role="status">
          Event created.
        </p>
      ) : null}
      <header className="manage-header">
        <p>
          <StatusBadge event={data} />
        </p>
        <h1>Manage: {data.title}</h1>
        <p className="muted">
          {formatDateTime(data.starts_at)} · {data.confirmed_count} confirmed · {data.seats_left} of{' '}
          {data.capacity} seats left · {data.waitlist_length} waiting
        </p>
      </header>
      <Tabs
        label="Event management"
        tabs={TABS}
        selected={tab}
        onSelect={(next) => {
          setSearchParams({ tab: next }, { replace: true, state: location.state as unknown });
        }}
      >
        {tab === 'attendees' ? <AttendeesTab eventId={data.id} /> : null}
        {tab === 'waitlist' ? <WaitlistTab eventId={data.id} /> : null}
        {tab === 'feedback' ? <FeedbackTab eventId={data.id} /> : null}
        {tab === 'history' ? <HistoryTab eventId={data.id} /> : null}
        {tab === 'edit' ? <EditEvent event={data} /> : null}
      </Tabs>
      <EventActions key={`${data.id}-${data.capacity}`} event={data} />
    </>
  );
}
