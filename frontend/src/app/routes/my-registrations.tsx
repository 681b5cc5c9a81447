import { MyRegistrationsList } from '@/features/registrations/components/MyRegistrationsList';
import { TicketToggle } from '@/features/tickets/components/TicketCard';

/** /me/registrations, behind RequireAuth; a confirmed registration's ticket opens in place. */
export function MyRegistrationsRoute() {
  return (
    <>
      <title>My registrations · EventConnect</title>
      <h1>My registrations</h1>
      <MyRegistrationsList
        ticket={(r) => <TicketToggle eventId={r.event.id} registrationId={r.registration_id} />}
      />
    </>
  );
}
