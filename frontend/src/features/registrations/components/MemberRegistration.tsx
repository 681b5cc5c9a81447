import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Trans, useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useCancelMyRegistration } from '../api/cancel-registration';
import { useRegisterAsMember } from '../api/create-registration';
import { useMyRegistrations } from '../api/get-my-registrations';
import { ConfirmStep } from './ConfirmStep';
import { RegistrationResult } from './RegistrationResult';
import type { EventOut } from '@/types/api';

interface MemberRegistrationProps {
  /** The event page's own copy: its seat count follows the live connection. */
  event: EventOut;
  userName: string;
  closed?: boolean;
}

/** The logged-in account registers as itself: no form, one button; or sees and cancels its seat. */
export function MemberRegistration({ event, userName, closed }: MemberRegistrationProps) {
  const eventId = event.id;
  const t = useT();
  const format = useFormat();
  const register = useRegisterAsMember(eventId);
  const full = event.seats_left <= 0;
  const cancel = useCancelMyRegistration();
  // No per-event filter in the contract: look through the member's (first 100) registrations.
  const mine = useMyRegistrations({ page_size: 100 });
  const listed = mine.data?.items.find((r) => r.event.id === eventId && r.status !== 'cancelled');
  // Just registered: known from the answer even before (or if) the list shows it.
  const current = listed ?? register.data;

  return (
    <section className="panel stack" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('registrations.member.heading')}</h2>
      {register.data ? <RegistrationResult result={register.data} /> : null}
      {cancel.isSuccess && !current ? (
        <p className="alert alert--success" role="status" data-testid="cancel-result">
          {t('registrations.cancelled')}
        </p>
      ) : null}
      <ProblemAlert error={register.error} title={t('registrations.registerFailed')} />
      <ProblemAlert error={cancel.error} title={t('registrations.cancelFailed')} />
      <ProblemAlert error={mine.error} title={t('registrations.mine.loadFailed')} />
      {current ? (
        <div className="mine" data-testid="member-registration" data-status={current.status}>
          <p>
            {current.status === 'waitlisted' && current.waitlist_position != null ? (
              <Trans
                i18nKey="registrations.member.youAreWaitlisted"
                values={{ position: current.waitlist_position }}
                components={{ b: <strong /> }}
              />
            ) : (
              <Trans
                i18nKey="registrations.member.youAre"
                values={{ status: t(`registrations.status.${current.status}`) }}
                components={{ b: <strong /> }}
              />
            )}
          </p>
          <div className="actions">
            <ConfirmStep
              label={t('registrations.cancel')}
              busy={cancel.isPending}
              busyLabel={t('registrations.cancelling')}
              question={t('member.confirm.question', {
                title: event.title,
                date: format.dateTime(event.starts_at),
              })}
              onConfirm={() => {
                cancel.mutate(
                  { eventId, registrationId: current.registration_id },
                  { onSuccess: () => register.reset() },
                );
              }}
            />
            <Link to="/me/registrations">{t('registrations.member.all')}</Link>
          </div>
        </div>
      ) : closed ? (
        <p className="muted">{t('registrations.closed')}</p>
      ) : full && !event.waitlist_enabled ? (
        <p className="muted">{t('member.registration.fullNoWaitlist')}</p>
      ) : (
        <div className="stack">
          {full ? <p className="muted">{t('member.registration.fullHint')}</p> : null}
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
              {register.isPending
                ? full
                  ? t('member.registration.joiningWaitlist')
                  : t('registrations.registering')
                : full
                  ? t('member.registration.joinWaitlistAs', { name: userName })
                  : t('registrations.member.registerAs', { name: userName })}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
