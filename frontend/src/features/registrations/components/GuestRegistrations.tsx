import { useState } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { RegistrationCancelled } from '@/types/api';
import { useCancelRegistration } from '../api/cancel-registration';
import { useGuestRegistrations } from './use-guest-registrations';

/** The guest registrations this browser holds a cancel token for, each with a cancel button. */
export function GuestRegistrations({ eventId }: { eventId: string }) {
  const t = useT();
  const format = useFormat();
  const registrations = useGuestRegistrations(eventId);
  const cancel = useCancelRegistration(eventId);
  const [cancelled, setCancelled] = useState<RegistrationCancelled | null>(null);

  if (registrations.length === 0 && !cancelled && !cancel.error) return null;
  return (
    <section className="panel" aria-labelledby="mine-heading">
      <h2 id="mine-heading">{t('registrations.device.heading')}</h2>
      {cancelled ? (
        <p className="alert alert--success" role="status" data-testid="cancel-result">
          {t('registrations.cancelled')}
          {cancelled.promoted_registration_id ? ` ${t('registrations.promoted')}` : ''}
        </p>
      ) : null}
      <ProblemAlert error={cancel.error} title={t('registrations.cancelFailed')} />
      {registrations.length > 0 ? (
        <ul className="stack" aria-label={t('registrations.device.list')}>
          {registrations.map((r) => (
            <li key={r.registration_id} className="mine" data-testid="my-registration">
              <p>
                <strong>{r.name}</strong> <span className="muted">({r.email})</span>
              </p>
              <p className="muted">
                {t(
                  r.status === 'waitlisted'
                    ? 'registrations.device.waitlistedOn'
                    : 'registrations.device.confirmedOn',
                  {
                    position: r.waitlist_position ?? '?',
                    time: format.dateTime(r.registered_at),
                  },
                )}
              </p>
              <button
                type="button"
                className="button button--danger"
                disabled={cancel.isPending}
                aria-label={t('registrations.device.cancelFor', { name: r.name })}
                onClick={() => {
                  setCancelled(null);
                  cancel.mutate(
                    { registrationId: r.registration_id, token: r.cancel_token },
                    { onSuccess: (result) => setCancelled(result) },
                  );
                }}
              >
                {t('registrations.cancel')}
              </button>{' '}
              <Link
                to={`/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(r.registration_id)}?${new URLSearchParams({ token: r.cancel_token }).toString()}`}
              >
                {t('registrations.device.open')}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
