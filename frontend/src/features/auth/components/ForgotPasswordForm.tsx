import { useState, type SubmitEvent } from 'react';
import { EmailField } from '@/components/EmailField';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import { useRequestPasswordReset } from '../api/account-email';
import { emailProblem } from './password-rules';

const SHOWN_FIELDS = ['email'] as const;

/** Asks for a reset link. The answer is the same whether or not the account exists. */
export function ForgotPasswordForm() {
  const t = useT();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reset = useRequestPasswordReset();
  const { errors, clear } = useServerErrors(reset.error);

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
        {t('account.forgot.sent', { email: email.trim() })}
      </p>
    );
  }
  return (
    <form className="form form--narrow" onSubmit={submit} noValidate>
      <ProblemAlert
        error={reset.error}
        shownFields={SHOWN_FIELDS}
        title={t('account.forgot.failed')}
      />
      <EmailField
        id="forgot-email"
        value={email}
        onChange={(value) => {
          setEmail(value);
          setError(null);
          clear('email');
        }}
        error={error ?? errors.email}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={reset.isPending}>
          {reset.isPending ? t('account.forgot.pending') : t('account.forgot.submit')}
        </button>
      </div>
    </form>
  );
}
