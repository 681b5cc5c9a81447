import { useState, type SubmitEvent } from 'react';
import { EmailField } from '@/components/EmailField';
import { Field } from '@/components/Field';
import { LocaleSelect } from '@/components/LocaleSelect';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TimeZoneSelect } from '@/components/TimeZoneSelect';
import { useServerErrors } from '@/components/use-server-errors';
import { i18n, useT } from '@/i18n';
import { currentSettings } from '@/i18n/settings';
import { isApiError } from '@/lib/api-client';
import { browserTimeZone } from '@/lib/datetime';
import { LIMITS } from '@/types/limits';
import { useSignup, type SignupResult } from '../api/signup';
import { NewPasswordField } from './NewPasswordFields';
import { emailProblem, passwordProblem } from './password-rules';

const SHOWN_FIELDS = ['name', 'email', 'password', 'timezone', 'locale'] as const;
type FieldName = (typeof SHOWN_FIELDS)[number];

function clientErrors(name: string, email: string, password: string) {
  const out: Partial<Record<FieldName, string>> = {};
  if (!name.trim()) out.name = i18n.t('auth.name.missing');
  const emailMsg = emailProblem(email);
  if (emailMsg) out.email = emailMsg;
  const passwordMsg = passwordProblem(password, email);
  if (passwordMsg) out.password = passwordMsg;
  return out;
}

const isTakenCode = (error: unknown) => isApiError(error) && error.code === 'email_taken';

/** Creates the account and logs in with it; `onSignedUp` says whether that login worked. */
export function SignupForm({ onSignedUp }: { onSignedUp: (result: SignupResult) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [locale, setLocale] = useState<string>(() => currentSettings().language);
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const signup = useSignup();

  const { errors: translated, clear } = useServerErrors(signup.error);
  // "Email taken" is a problem code, not a field error: hidden once the email is edited.
  const [editedAfter, setEditedAfter] = useState<unknown>(null);
  const taken =
    isApiError(signup.error) && signup.error.code === 'email_taken' && editedAfter !== signup.error;
  const server: Partial<Record<FieldName, string>> = taken
    ? { ...translated, email: t('auth.signup.emailTaken') }
    : translated;
  const errors: Partial<Record<FieldName, string>> = { ...server, ...local };
  // A field's complaint goes once it is edited (the server's now, the browser's on submit).
  const edit =
    <T,>(field: FieldName, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      clear(field);
      if (field === 'email') setEditedAfter(signup.error);
      setLocal((current) => ({ ...current, [field]: undefined }));
    };
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

  return (
    <form className="form form--narrow" onSubmit={submit} noValidate>
      {signup.error && !isTakenCode(signup.error) ? (
        <ProblemAlert
          error={signup.error}
          shownFields={SHOWN_FIELDS}
          title={t('auth.signup.failed')}
        />
      ) : null}
      <Field id={id('name')} label={t('auth.name.label')} required error={errors.name}>
        {(c) => (
          <input
            {...c}
            required
            maxLength={LIMITS.personName}
            autoComplete="name"
            value={name}
            onChange={(e) => edit('name', setName)(e.target.value)}
          />
        )}
      </Field>
      <EmailField
        id={id('email')}
        value={email}
        onChange={edit('email', setEmail)}
        error={errors.email}
      />
      <NewPasswordField
        id={id('password')}
        label={t('auth.password.label')}
        password={password}
        error={errors.password}
        onChange={edit('password', setPassword)}
      />
      <Field
        id={id('timezone')}
        label={t('auth.profile.timeZone')}
        hint={t('auth.signup.timeZoneHint')}
        error={errors.timezone}
      >
        {(c) => <TimeZoneSelect {...c} value={timezone} onChange={edit('timezone', setTimezone)} />}
      </Field>
      <Field id={id('locale')} label={t('auth.profile.language')} error={errors.locale}>
        {(c) => <LocaleSelect {...c} value={locale} onChange={edit('locale', setLocale)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={signup.isPending}>
          {signup.isPending ? t('auth.signup.pending') : t('auth.signup.submit')}
        </button>
      </div>
    </form>
  );
}
