import { useState, type SubmitEvent } from 'react';
import { useT } from '@/i18n';
import { ROLES, type Role } from '@/types/api';

export type ActiveFilter = '' | 'active' | 'deactivated';

export interface UserFilterValues {
  q: string;
  role: Role | '';
  status: ActiveFilter;
}

interface UserFiltersProps {
  values: UserFilterValues;
  onApply: (values: UserFilterValues) => void;
}

export function UserFilters({ values, onApply }: UserFiltersProps) {
  const t = useT();
  const [q, setQ] = useState(values.q);
  const [role, setRole] = useState(values.role);
  const [status, setStatus] = useState(values.status);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply({ q: q.trim(), role, status });
  };
  return (
    <form className="toolbar" role="search" aria-label={t('admin.filters.label')} onSubmit={submit}>
      <div className="field">
        <label htmlFor="users-q">{t('admin.filters.q')}</label>
        <input id="users-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="users-role">{t('admin.filters.role')}</label>
        <select id="users-role" value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
          <option value="">{t('admin.filters.anyRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="users-status">{t('admin.filters.status')}</label>
        <select
          id="users-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as ActiveFilter)}
        >
          <option value="">{t('admin.filters.anyStatus')}</option>
          <option value="active">{t('admin.filters.activeOnly')}</option>
          <option value="deactivated">{t('admin.filters.deactivatedOnly')}</option>
        </select>
      </div>
      <button type="submit" className="button">
        {t('admin.filters.submit')}
      </button>
    </form>
  );
}
