import { useState, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { i18n, useT } from '@/i18n';
import { isApiError } from '@/lib/api-client';
import { useLogin } from '../api/login';

const SHOWN_FIELDS = ['username', 'password'] as const;

/** Plain words for the two answers a login form gets most; null for anything else. */
function loginFailure(error: unknown): string | null {
  if (!isApiError(error)) return null;
  if (error.code === 'unauthorized' || error.status === 401) {
    return i18n.t('auth.login.noMatch');
  }
  if (error.code === 'rate_limited' || error.status === 429) {
    const wait = error.retryAfterSeconds;
    return wait != null
      ? i18n.t('auth.login.tooManyWait', { count: wait })
      : i18n.t('auth.login.tooMany');
  }
  return null;
}

interface LoginFormProps {
  initialEmail?: string;
  onLoggedIn: () => void;
}

export function LoginForm({ initialEmail = '', onLoggedIn }: LoginFormProps) {
  const t = useT();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const login = useLogin();
  const { errors, clear } = useServerErrors(login.error);
  const failure = loginFailure(login.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: onLoggedIn });
  };

  return (
    <form className="form form--narrow" onSubmit={submit}>
      {failure ? (
        <div
          className="alert alert--error"
          role="alert"
          data-testid="problem"
          data-code={isApiError(login.error) ? login.error.code : undefined}
        >
          <p>{failure}</p>
        </div>
      ) : (
        <ProblemAlert error={login.error} shownFields={SHOWN_FIELDS} />
      )}
      <Field id="login-email" label={t('auth.email.label')} required error={errors.username}>
        {(c) => (
          <input
            {...c}
            type="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              clear('username');
            }}
          />
        )}
      </Field>
      <Field id="login-password" label={t('auth.password.label')} required error={errors.password}>
        {(c) => (
          <input
            {...c}
            type="password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              clear('password');
            }}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={login.isPending}>
          {login.isPending ? t('auth.login.pending') : t('auth.login.submit')}
        </button>
      </div>
    </form>
  );
}
