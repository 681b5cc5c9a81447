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
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { canManageEvent } from '@/lib/authorization';
import { EditEvent } from './edit-event';

const TAB_IDS = ['attendees', 'waitlist', 'feedback', 'history', 'edit'] as const;

export function ManageEventRoute() {
  const t = useT();
  const format = useFormat();
  const tabs = TAB_IDS.map((tabId) => ({ id: tabId, label: t(`organizer.manage.tabs.${tabId}`) }));
  const id = useParams().id ?? '';
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = TAB_IDS.find((tabId) => tabId === searchParams.get('tab')) ?? 'attendees';
  const event = useEvent(id);
  const { user } = useAuth();
  const created = (location.state as { created?: boolean } | null)?.created === true;

  if (event.isPending) return <Loading label={t('organizer.manage.loading')} />;
  if (event.isError) {
    return (
      <>
        <h1>{t('organizer.manage.loadFailed')}</h1>
        <ProblemAlert error={event.error} onRetry={() => void event.refetch()} />
      </>
    );
  }

  const data = event.data;
  const publicPath = `/events/${encodeURIComponent(data.id)}`;
  if (!canManageEvent(user, data)) {
    // The server would answer 403 `not_owner` to every tab; say it once, plainly.
    return (
      <>
        <title>{t('organizer.manage.notAllowedTitle')}</title>
        <h1>{t('organizer.manage.notYours')}</h1>
        <p>{t('organizer.manage.onlyOrganizer', { title: data.title })}</p>
        <p>
          <Link to={publicPath}>{t('organizer.manage.goToEvent')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <title>{t('organizer.manage.pageTitle', { title: data.title })}</title>
      <p className="breadcrumb">
        <Link to={publicPath}>{t('organizer.manage.publicPage')}</Link>
        {' · '}
        <Link to={`${publicPath}/analytics`}>{t('organizer.manage.analytics')}</Link>
        {' · '}
        <Link to={`${publicPath}/check-in`}>{t('organizer.manage.door')}</Link>
      </p>
      {created ? (
        <p className="alert alert--success" role="status">
          {t('organizer.manage.created')}
        </p>
      ) : null}
      <header className="manage-header">
        <p>
          <StatusBadge event={data} />
        </p>
        <h1>{t('organizer.manage.heading', { title: data.title })}</h1>
        <p className="muted">
          {[
            format.dateTime(data.starts_at),
            t('organizer.manage.confirmed', {
              count: data.confirmed_count,
              n: format.number(data.confirmed_count),
            }),
            t('organizer.manage.seatsLeft', {
              count: data.capacity,
              left: format.number(data.seats_left),
              capacity: format.number(data.capacity),
            }),
            t('organizer.manage.waiting', {
              count: data.waitlist_length,
              n: format.number(data.waitlist_length),
            }),
          ].join(' · ')}
        </p>
      </header>
      <Tabs
        label={t('organizer.manage.tabsLabel')}
        tabs={tabs}
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
