import { useState, type SubmitEvent } from 'react';
import { EmailField } from '@/components/EmailField';
import { Field } from '@/components/Field';
import { LocaleSelect } from '@/components/LocaleSelect';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TimeZoneSelect } from '@/components/TimeZoneSelect';
import { fieldErrors, isApiError } from '@/lib/api-client';
import { browserTimeZone } from '@/lib/datetime';
import { browserLocale } from '@/lib/locale';
import type { SignedUp } from '@/types/api';
import { LIMITS } from '@/types/limits';
import { useSignup } from '../api/signup';
import { emailProblem, MIN_PASSWORD_LENGTH, passwordProblem } from './password-rules';

const SHOWN_FIELDS = ['name', 'email', 'password', 'timezone', 'locale'] as const;
type FieldName = (typeof SHOWN_FIELDS)[number];

function clientErrors(name: string, email: string, password: string) {
  const out: Partial<Record<FieldName, string>> = {};
  if (!name.trim()) out.name = 'Enter your name.';
  const emailMsg = emailProblem(email);
  if (emailMsg) out.email = emailMsg;
  const passwordMsg = passwordProblem(password, email);
  if (passwordMsg) out.password = passwordMsg;
  return out;
}

export function SignupForm({ onSignedUp }: { onSignedUp: (account: SignedUp) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [locale, setLocale] = useState(browserLocale);
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const signup = useSignup();

  const server: Partial<Record<FieldName, string>> = fieldErrors(signup.error);
  if (isApiError(signup.error) && signup.error.code === 'email_taken') {
    server.email = 'An account with this email already exists.';
  }
  const errors = { ...server, ...local };
  const id = (field: FieldName) => `signup-${field}`;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems = clientErrors(name, email, password);
    setLocal(problems);
    const first = SHOWN_FIELDS.find((f) => problems[f]);
    if (first) {
      document.getElementById(id(first))?.focus();
      return;
    }
    signup.mutate(
      { name: name.trim(), email: email.trim(), password, timezone, locale },
      { onSuccess: onSignedUp },
    );
  };

  const remaining = Math.max(0, MIN_PASSWORD_LENGTH - password.length);
  return (
    <form className="form form--narrow" onSubmit={submit} noValidate>
      {signup.error && !server.email ? (
        <ProblemAlert error={signup.error} shownFields={SHOWN_FIELDS} title="Could not sign up" />
      ) : null}
      <Field id={id('name')} label="Name" required error={errors.name}>
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
      <EmailField id={id('email')} value={email} onChange={setEmail} error={errors.email} />
      <Field
        id={id('password')}
        label="Password"
        required
        error={errors.password}
        hint={
          <>
            At least {MIN_PASSWORD_LENGTH} characters and not a common password
            {password && remaining > 0 ? ` (${remaining} more to go)` : ''}.
          </>
        }
      >
        {(c) => (
          <input
            {...c}
            type="password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field
        id={id('timezone')}
        label="Time zone"
        hint="Used for times in emails and reminders"
        error={errors.timezone}
      >
        {(c) => <TimeZoneSelect {...c} value={timezone} onChange={setTimezone} />}
      </Field>
      <Field id={id('locale')} label="Language" error={errors.locale}>
        {(c) => <LocaleSelect {...c} value={locale} onChange={setLocale} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={signup.isPending}>
          {signup.isPending ? 'Creating your account…' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
