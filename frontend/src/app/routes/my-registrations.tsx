import { MyRegistrationsList } from '@/features/registrations/components/MyRegistrationsList';
import { TicketToggle } from '@/features/tickets/components/TicketCard';
import { useT } from '@/i18n';

/** /me/registrations, behind RequireAuth; a confirmed registration's ticket opens in place. */
export function MyRegistrationsRoute() {
  const t = useT();
  return (
    <>
      <title>{t('registrations.mine.documentTitle')}</title>
      <h1>{t('registrations.mine.heading')}</h1>
      <MyRegistrationsList
        ticket={(r) => <TicketToggle eventId={r.event.id} registrationId={r.registration_id} />}
      />
    </>
  );
}
