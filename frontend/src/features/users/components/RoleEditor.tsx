import { useState, type SubmitEvent } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { ROLES, type Role, type UserOut } from '@/types/api';
import { useSetUserRole } from '../api/set-user-role';
import { ConfirmDialog } from './ConfirmDialog';
import { rightsLost } from './rights-lost';

/** A role select and its button for one user (PUT /users/{id}/role); taking admin or
 * organizer rights away asks first. */
export function RoleEditor({ user, isSelf }: { user: UserOut; isSelf: boolean }) {
  const t = useT();
  const [role, setRole] = useState<Role>(user.role);
  const [asking, setAsking] = useState(false);
  const setUserRole = useSetUserRole();
  const selectId = `role-${user.id}`;
  const lost = rightsLost(user.role, role);

  const save = () =>
    setUserRole.mutate({ userId: user.id, role }, { onSuccess: () => setAsking(false) });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (lost) setAsking(true);
    else save();
  };

  if (isSelf) {
    return (
      <span>
        {t(`roles.${user.role}`)} <span className="muted">{t('admin.table.you')}</span>
      </span>
    );
  }
  const names = { name: user.name, from: t(`roles.${user.role}`), to: t(`roles.${role}`) };
  return (
    <form className="inline-form inline-form--tight" onSubmit={submit}>
      <label htmlFor={selectId} className="visually-hidden">
        {t('admin.role.label', { name: user.name })}
      </label>
      <select
        id={selectId}
        value={role}
        disabled={!user.active}
        onChange={(e) => {
          setUserRole.reset();
          setRole(e.target.value as Role);
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--small"
        disabled={role === user.role || setUserRole.isPending}
        aria-label={t('admin.role.saveLabel', { name: user.name })}
      >
        {setUserRole.isPending && !asking ? t('admin.role.saving') : t('admin.role.save')}
      </button>
      {setUserRole.isSuccess && role === user.role ? (
        <span role="status" className="muted">
          {t('admin.role.saved')}
        </span>
      ) : null}
      {!asking ? <ProblemAlert error={setUserRole.error} title={t('admin.role.failed')} /> : null}
      <ConfirmDialog
        open={asking}
        title={t('admin.role.confirmTitle', names)}
        confirmLabel={t('admin.role.confirm')}
        pendingLabel={t('admin.role.saving')}
        cancelLabel={t('admin.role.cancel', names)}
        pending={setUserRole.isPending}
        problem={<ProblemAlert error={setUserRole.error} title={t('admin.role.failed')} />}
        onConfirm={save}
        onCancel={() => {
          setAsking(false);
          setUserRole.reset();
        }}
      >
        <p>
          {lost === 'admin'
            ? t('admin.role.loseAdmin', { name: user.name })
            : t('admin.role.loseOrganizer', { name: user.name })}
        </p>
      </ConfirmDialog>
    </form>
  );
}
