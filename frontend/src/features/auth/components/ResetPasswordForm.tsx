import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import { useConfirmPasswordReset } from '../api/account-email';
import { NewPasswordFields } from './NewPasswordFields';
import { newPasswordProblems, type NewPasswordErrors } from './password-rules';

const SHOWN_FIELDS = ['new_password'] as const;

/** The reset link's page: a new password, twice. Every session of the account ends. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const confirm = useConfirmPasswordReset();
  const server = useServerErrors(confirm.error);

  if (!token) {
    return (
      <p className="alert alert--error" role="alert">
        {t('account.reset.noToken')}{' '}
        <Link to="/forgot-password">{t('account.reset.askAgain')}</Link>
      </p>
    );
  }
  if (confirm.isSuccess) {
    return (
      <div className="alert alert--success" role="status" data-testid="password-reset">
        <p>{t('account.reset.done')}</p>
        <p>
          <Link to="/login">{t('account.reset.logIn')}</Link>
        </p>
      </div>
    );
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems = newPasswordProblems(password, repeat);
    setErrors(problems);
    if (problems.password || problems.repeat) {
      document.getElementById(problems.password ? 'reset-password' : 'reset-repeat')?.focus();
      return;
    }
    confirm.mutate({ token, new_password: password });
  };

  return (
    <form className="form form--narrow" onSubmit={submit} noValidate>
      <ProblemAlert
        error={confirm.error}
        shownFields={SHOWN_FIELDS}
        title={t('account.reset.failed')}
      />
      <NewPasswordFields
        idPrefix="reset"
        password={password}
        repeat={repeat}
        errors={{ ...errors, password: errors.password ?? server.errors.new_password }}
        onPassword={(value) => {
          setPassword(value);
          setErrors((current) => ({ ...current, password: undefined }));
          server.clear('new_password');
        }}
        onRepeat={(value) => {
          setRepeat(value);
          setErrors((current) => ({ ...current, repeat: undefined }));
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={confirm.isPending}>
          {confirm.isPending ? t('account.reset.pending') : t('account.reset.submit')}
        </button>
      </div>
    </form>
  );
}
