import { Link, useParams, useSearchParams } from 'react-router';
import { useEvent } from '@/features/events/api/get-event';
import type { Rater } from '@/features/ratings/api/types';
import { RatingForm } from '@/features/ratings/components/RatingForm';
import { ratingWindow } from '@/features/ratings/components/rating-window';
import { RegistrationPage } from '@/features/registrations/components/RegistrationPage';
import { TicketCard } from '@/features/tickets/components/TicketCard';
import { useT } from '@/i18n';
import { useSession } from '@/lib/use-session';

/**
 * /events/:id/registrations/:rid?token= — where the links in a guest's emails lead: the
 * registration's status and waitlist position, its ticket once confirmed, cancelling it, and
 * rating the event once it has started (with the same token).
 */
export function RegistrationRoute() {
  const t = useT();
  const { id = '', rid = '' } = useParams();
  const token = useSearchParams()[0].get('token') ?? '';
  const session = useSession();
  const event = useEvent(id);
  // The token makes this the guest's page; without one it is the signed-in member's own.
  const rater: Rater | null = token
    ? { kind: 'guest', registrationId: rid, token }
    : session
      ? { kind: 'member', session }
      : null;
  const eventPath = `/events/${encodeURIComponent(id)}`;
  const title = event.data?.title;

  return (
    <>
      <title>{`${title ? t('registrations.page.titleFor', { title }) : t('registrations.page.title')} · EventConnect`}</title>
      <p className="breadcrumb">
        <Link to={eventPath}>← {t('registrations.page.back')}</Link>
      </p>
      <h1>{title ? t('registrations.page.titleFor', { title }) : t('registrations.page.title')}</h1>
      <RegistrationPage eventId={id} registrationId={rid} token={token}>
        {(registration) => (
          <>
            {registration.status === 'confirmed' ? (
              <TicketCard eventId={id} registrationId={rid} token={token} />
            ) : null}
            {rater &&
            registration.status === 'confirmed' &&
            ratingWindow(registration.event) === 'open' ? (
              <RatingForm eventId={id} rater={rater} />
            ) : null}
          </>
        )}
      </RegistrationPage>
    </>
  );
}
