import { useState, type SubmitEvent } from 'react';
import { EmailField } from '@/components/EmailField';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { fieldErrors } from '@/lib/api-client';
import { LIMITS } from '@/types/limits';
import { useCreateRegistration } from '../api/create-registration';
import { RegistrationResult } from './RegistrationResult';

const SHOWN_FIELDS = ['name', 'email'] as const;

export function RegistrationForm({ eventId, closed }: { eventId: string; closed?: boolean }) {
  const t = useT();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const register = useCreateRegistration(eventId);
  const errors = fieldErrors(register.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
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

  return (
    <section className="panel" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('registrations.guest.heading')}</h2>
      {closed ? <p className="muted">{t('registrations.closed')}</p> : null}
      {register.data ? <RegistrationResult result={register.data} /> : null}
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
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <EmailField id="reg-email" value={email} onChange={setEmail} error={errors.email} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={register.isPending}>
            {register.isPending ? t('registrations.registering') : t('registrations.register')}
          </button>
        </div>
      </form>
    </section>
  );
}
