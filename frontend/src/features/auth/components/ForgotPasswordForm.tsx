import { useState, type SubmitEvent } from 'react';
import { EmailField } from '@/components/EmailField';
import { ProblemAlert } from '@/components/ProblemAlert';
import { fieldErrors } from '@/lib/api-client';
import { useRequestPasswordReset } from '../api/account-email';
import { emailProblem } from './password-rules';

/** Asks for a reset link. The answer is the same whether or not the account exists. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reset = useRequestPasswordReset();
  const errors = fieldErrors(reset.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problem = emailProblem(email);
    setError(problem);
    if (problem) {
      document.getElementById('forgot-email')?.focus();
      return;
    }
    reset.mutate(email.trim());
  };

  if (reset.isSuccess) {
    return (
      <p className="alert alert--success" role="status" data-testid="reset-requested">
        If an account uses {email.trim()}, a link to choose a new password is on its way. It works
        once, for one hour.
      </p>
    );
  }
  return (
    <form className="form form--narrow" onSubmit={submit} noValidate>
      <ProblemAlert error={reset.error} shownFields={['email']} />
      <EmailField
        id="forgot-email"
        value={email}
        onChange={setEmail}
        error={error ?? errors.email}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={reset.isPending}>
          {reset.isPending ? 'Sending…' : 'Send reset link'}
        </button>
      </div>
    </form>
  );
}
