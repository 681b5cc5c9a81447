import { useState } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { RegistrationCancelled } from '@/types/api';
import { useCancelRegistration } from '../api/cancel-registration';
import { ConfirmStep } from './ConfirmStep';
import { useGuestRegistrations } from './use-guest-registrations';
import type { EventOut } from '@/types/api';

/** The guest registrations this browser holds a cancel token for, each with a cancel button. */
export function GuestRegistrations({ event }: { event: EventOut }) {
  const eventId = event.id;
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
              <ConfirmStep
                label={t('registrations.cancel')}
                ariaLabel={t('registrations.device.cancelFor', { name: r.name })}
                busy={cancel.isPending}
                busyLabel={t('registrations.cancelling')}
                question={t('member.confirm.questionGuestAt', {
                  name: r.name,
                  title: event.title,
                  date: format.dateTime(event.starts_at),
                })}
                onConfirm={() => {
                  setCancelled(null);
                  cancel.mutate(
                    { registrationId: r.registration_id, token: r.cancel_token },
                    { onSuccess: (result) => setCancelled(result) },
                  );
                }}
              />{' '}
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
