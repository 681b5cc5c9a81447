import { useState } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/datetime';
import type { RegistrationCancelled } from '@/types/api';
import { useCancelRegistration } from '../api/cancel-registration';
import { useGuestRegistrations } from './use-guest-registrations';

/** The guest registrations this browser holds a cancel token for, each with a cancel button. */
export function GuestRegistrations({ eventId }: { eventId: string }) {
  const registrations = useGuestRegistrations(eventId);
  const cancel = useCancelRegistration(eventId);
  const [cancelled, setCancelled] = useState<RegistrationCancelled | null>(null);

  if (registrations.length === 0 && !cancelled && !cancel.error) return null;
  return (
    <section className="panel" aria-labelledby="mine-heading">
      <h2 id="mine-heading">Your registrations on this device</h2>
      {cancelled ? (
        <p className="alert alert--success" role="status" data-testid="cancel-result">
          Registration cancelled.
          {cancelled.promoted_registration_id
            ? ' The next person on the waitlist now has the seat.'
            : ''}
        </p>
      ) : null}
      <ProblemAlert error={cancel.error} title="Could not cancel" />
      {registrations.length > 0 ? (
        <ul className="stack" aria-label="Your registrations">
          {registrations.map((r) => (
            <li key={r.registration_id} className="mine" data-testid="my-registration">
              <p>
                <strong>{r.name}</strong> <span className="muted">({r.email})</span>
              </p>
              <p className="muted">
                {r.status === 'waitlisted'
                  ? `Waitlisted at position ${r.waitlist_position ?? '?'}`
                  : 'Confirmed'}{' '}
                when registered on {formatDateTime(r.registered_at)}
              </p>
              <button
                type="button"
                className="button button--danger"
                disabled={cancel.isPending}
                aria-label={`Cancel my registration for ${r.name}`}
                onClick={() => {
                  setCancelled(null);
                  cancel.mutate(
                    { registrationId: r.registration_id, token: r.cancel_token },
                    { onSuccess: (result) => setCancelled(result) },
                  );
                }}
              >
                Cancel my registration
              </button>{' '}
              <Link
                to={`/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(r.registration_id)}?${new URLSearchParams({ token: r.cancel_token }).toString()}`}
              >
                Open its page (status, rating)
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
