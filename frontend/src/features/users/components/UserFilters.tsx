import { useState, type SubmitEvent } from 'react';
import { ROLE_LABELS } from '@/lib/authorization';
import { ROLES, type Role } from '@/types/api';

export interface UserFilterValues {
  q: string;
  role: Role | '';
}

interface UserFiltersProps {
  values: UserFilterValues;
  onApply: (values: UserFilterValues) => void;
}

export function UserFilters({ values, onApply }: UserFiltersProps) {
  const [q, setQ] = useState(values.q);
  const [role, setRole] = useState(values.role);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply({ q: q.trim(), role });
  };
  return (
    <form className="toolbar" role="search" aria-label="Filter users" onSubmit={submit}>
      <div className="field">
        <label htmlFor="users-q">Name or email</label>
        <input id="users-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="users-role">Role</label>
        <select id="users-role" value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        Filter
      </button>
    </form>
  );
}
