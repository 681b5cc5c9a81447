import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { fieldErrors } from '@/lib/api-client';
import { useConfirmPasswordReset } from '../api/account-email';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-rules';

/** The reset link's page: a new password, twice. Every session of the account ends. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const confirm = useConfirmPasswordReset();
  const server = fieldErrors(confirm.error);

  if (!token) {
    return (
      <p className="alert alert--error" role="alert">
        This link is incomplete: it carries no token.{' '}
        <Link to="/forgot-password">Ask for a new link</Link>.
      </p>
    );
  }
  if (confirm.isSuccess) {
    return (
      <div className="alert alert--success" role="status" data-testid="password-reset">
        <p>Your password is changed, and every session of the account has ended.</p>
        <p>
          <Link to="/login">Log in with the new password</Link>
        </p>
      </div>
    );
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    const problem = passwordProblem(password);
    if (problem) next.password = problem;
    else if (repeat !== password) next.repeat = 'The two passwords differ.';
    setErrors(next);
    if (next.password || next.repeat) {
      document.getElementById(next.password ? 'reset-password' : 'reset-repeat')?.focus();
      return;
    }
    confirm.mutate({ token, new_password: password });
  };

  return (
    <form className="form form--narrow" onSubmit={submit} noValidate>
      <ProblemAlert error={confirm.error} shownFields={['new_password']} title="Could not reset" />
      <Field
        id="reset-password"
        label="New password"
        required
        error={errors.password ?? server.new_password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters and not a common password.`}
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
      <Field id="reset-repeat" label="New password again" required error={errors.repeat}>
        {(c) => (
          <input
            {...c}
            type="password"
            required
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={confirm.isPending}>
          {confirm.isPending ? 'Saving…' : 'Set new password'}
        </button>
      </div>
    </form>
  );
}
