import '@/i18n/areas/door';
import { Link, useParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useAuth } from '@/features/auth/components/use-auth';
import { DoorScreen } from '@/features/check-in/components/DoorScreen';
import { useEvent } from '@/features/events/api/get-event';
import { useT } from '@/i18n';
import { canManageEvent } from '@/lib/authorization';

/** /events/:id/check-in — the door screen, for the event's organizer and admins. */
export function CheckInRoute() {
  const id = useParams().id ?? '';
  const event = useEvent(id);
  const { user } = useAuth();
  const t = useT();

  if (event.isPending) return <Loading label={t('door.route.loading')} />;
  if (event.isError) {
    return (
      <>
        <h1>{t('door.route.loadFailed')}</h1>
        <ProblemAlert error={event.error} onRetry={() => void event.refetch()} />
      </>
    );
  }
  const data = event.data;
  const managePath = `/events/${encodeURIComponent(data.id)}/manage`;
  if (!canManageEvent(user, data)) {
    return (
      <>
        <title>{t('door.route.notAllowedTitle')}</title>
        <h1>{t('door.route.notAllowedHeading')}</h1>
        <p>{t('door.route.notAllowedText', { title: data.title })}</p>
        <p>
          <Link to={`/events/${encodeURIComponent(data.id)}`}>{t('door.route.toEvent')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <title>{t('door.route.title', { title: data.title })}</title>
      <p className="breadcrumb">
        <Link to={managePath}>{t('door.route.backToManage')}</Link>
      </p>
      <h1>{t('door.route.heading', { title: data.title })}</h1>
      {/* Times in the person's own zone (their profile's), like the rest of their screens. */}
      <DoorScreen eventId={data.id} />
    </>
  );
}
