import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCancelMyRegistration } from '../api/cancel-registration';
import { useRegisterAsMember } from '../api/create-registration';
import { useMyRegistrations } from '../api/get-my-registrations';
import { RegistrationResult } from './RegistrationResult';

interface MemberRegistrationProps {
  eventId: string;
  userName: string;
  closed?: boolean;
}

/** The logged-in account registers as itself: no form, one button; or sees and cancels its seat. */
export function MemberRegistration({ eventId, userName, closed }: MemberRegistrationProps) {
  const register = useRegisterAsMember(eventId);
  const cancel = useCancelMyRegistration();
  // No per-event filter in the contract: look through the member's (first 100) registrations.
  const mine = useMyRegistrations({ page_size: 100 });
  const listed = mine.data?.items.find((r) => r.event.id === eventId && r.status !== 'cancelled');
  // Just registered: known from the answer even before (or if) the list shows it.
  const current = listed ?? register.data;

  return (
    <section className="panel stack" aria-labelledby="register-heading">
      <h2 id="register-heading">Your registration</h2>
      {register.data ? <RegistrationResult result={register.data} /> : null}
      {cancel.isSuccess && !current ? (
        <p className="alert alert--success" role="status" data-testid="cancel-result">
          Registration cancelled.
        </p>
      ) : null}
      <ProblemAlert error={register.error} title="Could not register" />
      <ProblemAlert error={cancel.error} title="Could not cancel" />
      <ProblemAlert error={mine.error} title="Could not load your registrations" />
      {current ? (
        <div className="mine" data-testid="member-registration" data-status={current.status}>
          <p>
            You are <strong>{current.status}</strong>
            {current.status === 'waitlisted' && current.waitlist_position != null
              ? `, position ${current.waitlist_position} on the waitlist`
              : ''}
            .
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={cancel.isPending}
              onClick={() => {
                cancel.mutate(
                  { eventId, registrationId: current.registration_id },
                  { onSuccess: () => register.reset() },
                );
              }}
            >
              {cancel.isPending ? 'Cancelling…' : 'Cancel my registration'}
            </button>
            <Link to="/me/registrations">All my registrations</Link>
          </div>
        </div>
      ) : closed ? (
        <p className="muted">This event is not taking registrations.</p>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={register.isPending}
            onClick={() => {
              cancel.reset();
              register.mutate();
            }}
          >
            {register.isPending ? 'Registering…' : `Register as ${userName}`}
          </button>
        </div>
      )}
    </section>
  );
}
