import { useState, type SubmitEvent } from 'react';
import { EmailField } from '@/components/EmailField';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import { LIMITS } from '@/types/limits';
import { useCreateRegistration } from '../api/create-registration';
import { RegistrationResult } from './RegistrationResult';
import type { EventOut } from '@/types/api';

const SHOWN_FIELDS = ['name', 'email'] as const;

export function RegistrationForm({ event, closed }: { event: EventOut; closed?: boolean }) {
  const eventId = event.id;
  const t = useT();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const register = useCreateRegistration(eventId);
  const { errors, clear } = useServerErrors(register.error);
  // The seat count the event page shows (kept live): a full event offers its waitlist up front.
  const full = event.seats_left <= 0;
  const noWaitlist = full && !event.waitlist_enabled;

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    register.mutate(
      { name: name.trim(), email: email.trim() },
      {
        onSuccess: () => {
          setName('');
          setEmail('');
        },
      },
    );
  };

  const buttonText = register.isPending
    ? full
      ? t('member.registration.joiningWaitlist')
      : t('registrations.registering')
    : full
      ? t('member.registration.joinWaitlist')
      : t('registrations.register');

  return (
    <section className="panel" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('registrations.guest.heading')}</h2>
      {closed ? <p className="muted">{t('registrations.closed')}</p> : null}
      {register.data ? <RegistrationResult result={register.data} /> : null}
      {!closed && full ? (
        <p className="muted" data-testid="full-hint">
          {noWaitlist ? t('member.registration.fullNoWaitlist') : t('member.registration.fullHint')}
        </p>
      ) : null}
      <form className="form" onSubmit={submit}>
        <ProblemAlert error={register.error} shownFields={SHOWN_FIELDS} />
        <Field id="reg-name" label={t('registrations.guest.name')} required error={errors.name}>
          {(c) => (
            <input
              {...c}
              required
              maxLength={LIMITS.personName}
              autoComplete="name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                clear('name');
              }}
            />
          )}
        </Field>
        <EmailField
          id="reg-email"
          value={email}
          onChange={(value) => {
            setEmail(value);
            clear('email');
          }}
          error={errors.email}
        />
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={register.isPending || noWaitlist}
          >
            {buttonText}
          </button>
        </div>
      </form>
    </section>
  );
}
