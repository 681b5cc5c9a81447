import { useState, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { fieldErrors, isApiError } from '@/lib/api-client';
import { useLogin } from '../api/login';

const SHOWN_FIELDS = ['username', 'password'] as const;

/** Plain words for the two answers a login form gets most; null for anything else. */
function loginFailure(error: unknown): string | null {
  if (!isApiError(error)) return null;
  if (error.code === 'unauthorized' || error.status === 401) {
    return 'That email and password do not match an account.';
  }
  if (error.code === 'rate_limited' || error.status === 429) {
    const wait = error.retryAfterSeconds;
    return wait != null
      ? `Too many attempts. Try again in ${wait} second${wait === 1 ? '' : 's'}.`
      : 'Too many attempts. Wait a little and try again.';
  }
  return null;
}

interface LoginFormProps {
  initialEmail?: string;
  onLoggedIn: () => void;
}

export function LoginForm({ initialEmail = '', onLoggedIn }: LoginFormProps) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const login = useLogin();
  const errors = fieldErrors(login.error);
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
      <Field id="login-email" label="Email" required error={errors.username}>
        {(c) => (
          <input
            {...c}
            type="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <Field id="login-password" label="Password" required error={errors.password}>
        {(c) => (
          <input
            {...c}
            type="password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </div>
    </form>
  );
}
