import { useState, type SubmitEvent } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ROLE_LABELS } from '@/lib/authorization';
import { ROLES, type Role, type UserOut } from '@/types/api';
import { useSetUserRole } from '../api/set-user-role';

/** A role select and its button for one user (PUT /users/{id}/role). */
export function RoleEditor({ user, isSelf }: { user: UserOut; isSelf: boolean }) {
  const [role, setRole] = useState<Role>(user.role);
  const setUserRole = useSetUserRole();
  const selectId = `role-${user.id}`;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setUserRole.mutate({ userId: user.id, role });
  };

  if (isSelf) {
    return (
      <span>
        {ROLE_LABELS[user.role]} <span className="muted">(you)</span>
      </span>
    );
  }
  return (
    <form className="inline-form inline-form--tight" onSubmit={submit}>
      <label htmlFor={selectId} className="visually-hidden">
        Role for {user.name}
      </label>
      <select
        id={selectId}
        value={role}
        onChange={(e) => {
          setUserRole.reset();
          setRole(e.target.value as Role);
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--small"
        disabled={role === user.role || setUserRole.isPending}
        aria-label={`Save role for ${user.name}`}
      >
        {setUserRole.isPending ? 'Saving…' : 'Save'}
      </button>
      {setUserRole.isSuccess && role === user.role ? (
        <span role="status" className="muted">
          Saved.
        </span>
      ) : null}
      <ProblemAlert error={setUserRole.error} title="Could not change the role" />
    </form>
  );
}
