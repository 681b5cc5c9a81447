import type { ReactNode } from 'react';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useCancelRegistration } from '../api/cancel-registration';
import { useRegistration, type RegistrationView } from '../api/get-registration';
import { ConfirmStep } from './ConfirmStep';

interface RegistrationPageProps {
  eventId: string;
  registrationId: string;
  token: string;
  /** What else the page offers once the registration is known (the rating widget). */
  children?: (registration: RegistrationView) => ReactNode;
}

/** The guest's registration, from an email's link: status, waitlist position, cancel. */
export function RegistrationPage({
  eventId,
  registrationId,
  token,
  children,
}: RegistrationPageProps) {
  const t = useT();
  const format = useFormat();
  const registration = useRegistration(eventId, registrationId, token);
  const cancel = useCancelRegistration(eventId);

  if (registration.isPending) return <Loading label={t('registrations.page.loading')} />;
  if (registration.isError) {
    return (
      <ProblemAlert
        error={registration.error}
        title={t('registrations.page.loadFailed')}
        onRetry={() => void registration.refetch()}
      />
    );
  }
  const r = registration.data;
  const active = r.status !== 'cancelled';
  return (
    <div className="stack">
      <section className="panel stack" aria-labelledby="registration-heading">
        <h2 id="registration-heading">{t('registrations.page.heading', { name: r.name })}</h2>
        <dl
          className="facts facts--compact"
          data-testid="guest-registration"
          data-status={r.status}
        >
          <div>
            <dt>{t('registrations.result.status')}</dt>
            <dd data-testid="registration-status">{t(`registrations.status.${r.status}`)}</dd>
          </div>
          {r.status === 'waitlisted' ? (
            <div>
              <dt>{t('registrations.result.position')}</dt>
              <dd data-testid="waitlist-position">{r.waitlist_position ?? '?'}</dd>
            </div>
          ) : null}
          {r.checked_in_at ? (
            <div>
              <dt>{t('registrations.page.checkedIn')}</dt>
              <dd>
                <time dateTime={r.checked_in_at}>{format.dateTime(r.checked_in_at)}</time>
              </dd>
            </div>
          ) : null}
        </dl>
        {cancel.isSuccess ? (
          <p className="alert alert--success" role="status" data-testid="cancel-result">
            {t('registrations.cancelled')}
          </p>
        ) : null}
        <ProblemAlert error={cancel.error} title={t('registrations.cancelFailed')} />
        {active && !cancel.isSuccess ? (
          <div className="actions">
            <ConfirmStep
              label={t('registrations.page.cancel')}
              busy={cancel.isPending}
              busyLabel={t('registrations.cancelling')}
              question={t('member.confirm.question', {
                title: r.event.title,
                date: format.dateTime(r.event.starts_at),
              })}
              // The cancel refreshes everything under the event, this registration included.
              onConfirm={() => cancel.mutate({ registrationId, token: token || undefined })}
            />
          </div>
        ) : null}
      </section>
      {children?.(r)}
    </div>
  );
}
