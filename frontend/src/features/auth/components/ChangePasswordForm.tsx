import { useState, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import { isApiError } from '@/lib/api-client';
import type { Me } from '@/types/api';
import { useChangePassword } from '../api/change-password';
import { NewPasswordFields } from './NewPasswordFields';
import { newPasswordProblems, type NewPasswordErrors } from './password-rules';

const SHOWN_FIELDS = ['current_password', 'new_password'] as const;
const ID = 'change-password';

interface Errors extends NewPasswordErrors {
  current?: string | undefined;
}

/**
 * The profile's "Change password" panel (PUT /api/me/password). The server ends every session and
 * answers with new tokens for this tab, so the person stays logged in here.
 */
export function ChangePasswordForm({ user }: { user: Me }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Errors>({});
  const change = useChangePassword();
  const server = useServerErrors(change.error);
  // A wrong current password is a 401 `invalid_credentials`, not a field error: shown next to
  // that field, until it is edited.
  const [editedAfter, setEditedAfter] = useState<unknown>(null);
  const wrongCurrent =
    isApiError(change.error) &&
    change.error.code === 'invalid_credentials' &&
    editedAfter !== change.error;
  const errors: Errors = {
    current:
      local.current ??
      (wrongCurrent ? t('account.changePassword.wrongCurrent') : undefined) ??
      server.errors.current_password,
    password: local.password ?? server.errors.new_password,
    repeat: local.repeat,
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Errors = current ? {} : { current: t('problems.types.missing') };
    Object.assign(problems, newPasswordProblems(password, repeat, user.email));
    if (!problems.password && current && password === current) {
      problems.password = t('account.changePassword.same');
    }
    setLocal(problems);
    const first = problems.current
      ? 'current'
      : problems.password
        ? 'password'
        : problems.repeat
          ? 'repeat'
          : null;
    if (first) {
      document.getElementById(`${ID}-${first}`)?.focus();
      return;
    }
    change.mutate(
      { current_password: current, new_password: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setRepeat('');
        },
      },
    );
  };

  return (
    <section aria-labelledby={`${ID}-heading`} data-testid="change-password">
      <h2 id={`${ID}-heading`}>{t('account.changePassword.heading')}</h2>
      <p className="muted">{t('account.changePassword.intro')}</p>
      <form className="form form--narrow" onSubmit={submit} noValidate>
        {/* The wrong current password shows next to its field; anything else up here. */}
        {wrongCurrent ? null : (
          <ProblemAlert
            error={change.error}
            shownFields={SHOWN_FIELDS}
            title={t('account.changePassword.failed')}
          />
        )}
        {change.isSuccess ? (
          <p className="alert alert--success" role="status" data-testid="password-changed">
            {t('account.changePassword.done')}
          </p>
        ) : null}
        {/* For password managers: whose password this is. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={user.email}
          readOnly
          hidden
        />
        <Field
          id={`${ID}-current`}
          label={t('account.changePassword.current')}
          required
          error={errors.current}
        >
          {(c) => (
            <input
              {...c}
              type="password"
              required
              autoComplete="current-password"
              value={current}
              onChange={(e) => {
                setCurrent(e.target.value);
                setLocal((l) => ({ ...l, current: undefined }));
                setEditedAfter(change.error);
                server.clear('current_password');
              }}
            />
          )}
        </Field>
        <NewPasswordFields
          idPrefix={ID}
          password={password}
          repeat={repeat}
          errors={errors}
          onPassword={(value) => {
            setPassword(value);
            setLocal((l) => ({ ...l, password: undefined }));
            server.clear('new_password');
          }}
          onRepeat={(value) => {
            setRepeat(value);
            setLocal((l) => ({ ...l, repeat: undefined }));
          }}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={change.isPending}>
            {change.isPending
              ? t('account.changePassword.pending')
              : t('account.changePassword.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
