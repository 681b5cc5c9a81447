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
import { Trans, useT } from '@/i18n';
import { isApiError } from '@/lib/api-client';
import { canManageEvent, canRegisterAsSelf, loginPath } from '@/lib/authorization';
import { useLiveSeats } from '@/lib/live';
import { useSession } from '@/lib/use-session';
import type { EventOut } from '@/types/api';

/** Guests fill in name and email; accounts register as themselves; analysts only read. */
function Registration({ event }: { event: EventOut }) {
  const t = useT();
  const { loggedIn, user, loading } = useAuth();
  const here = useLocation().pathname;
  const closed = event.status === 'cancelled' || event.status === 'draft';

  if (!loggedIn) {
    return (
      <>
        <RegistrationForm event={event} closed={closed} />
        <p className="muted">
          <Trans
            i18nKey="events.detail.haveAccount"
            components={{ a: <Link to={loginPath(here)} /> }}
          />
        </p>
      </>
    );
  }
  if (loading) return <Loading label={t('events.detail.checkingAccount')} />;
  if (user && canRegisterAsSelf(user)) {
    return <MemberRegistration event={event} userName={user.name} closed={closed} />;
  }
  return <p className="muted">{t('events.detail.cannotRegister')}</p>;
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
        <Trans
          i18nKey="events.detail.wentThere"
          components={{ a: <Link to={loginPath(here)} /> }}
        />
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
  const t = useT();
  const id = useParams().id ?? '';
  const event = useEvent(id);
  const { user } = useAuth();
  const live = useLiveSeats(id);

  if (event.isPending) return <Loading label={t('events.detail.loading')} />;
  if (event.isError) {
    const notFound = isApiError(event.error) && event.error.status === 404;
    return (
      <>
        <h1>{notFound ? t('events.detail.notFound') : t('events.detail.loadFailed')}</h1>
        <ProblemAlert
          error={event.error}
          onRetry={notFound ? undefined : () => void event.refetch()}
        />
        <p>
          <Link to="/">{t('events.detail.backToAll')}</Link>
        </p>
      </>
    );
  }

  const data = event.data;
  return (
    <>
      <title>{`${data.title} · EventConnect`}</title>
      <p className="breadcrumb">
        <Link to="/">← {t('events.detail.allEvents')}</Link>
      </p>
      <div className="detail-layout">
        <EventDetails event={data} live={live} />
        <div className="stack">
          {data.series_id ? (
            <p>
              <Trans
                i18nKey="events.detail.series"
                components={{ a: <Link to={`/series/${encodeURIComponent(data.series_id)}`} /> }}
              />
            </p>
          ) : null}
          <Registration event={data} />
          <Rating event={data} />
          <GuestRegistrations event={data} />
          {canManageEvent(user, data) ? (
            <p>
              <Link to={`/events/${encodeURIComponent(data.id)}/manage`}>
                {t('events.detail.manage')}
              </Link>
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
