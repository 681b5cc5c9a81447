import { useT } from '@/i18n';
import type { UserOut } from '@/types/api';
import { DeactivateUser } from './DeactivateUser';
import { RoleEditor } from './RoleEditor';
import { UserHistory } from './UserHistory';

export function UsersTable({ users, selfId }: { users: UserOut[]; selfId: string }) {
  const t = useT();
  if (users.length === 0) return <p className="empty">{t('admin.table.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--stack" data-testid="users">
        <thead>
          <tr>
            <th scope="col">{t('admin.table.name')}</th>
            <th scope="col">{t('admin.table.email')}</th>
            <th scope="col">{t('admin.table.role')}</th>
            <th scope="col">{t('admin.table.status')}</th>
            <th scope="col">{t('admin.table.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr
              key={u.id}
              data-testid="user-row"
              data-active={u.active ? 'true' : 'false'}
              className={u.active ? undefined : 'muted'}
            >
              <th scope="row">{u.name}</th>
              <td data-label={t('admin.table.email')}>{u.email}</td>
              <td data-label={t('admin.table.role')}>
                <RoleEditor user={u} isSelf={u.id === selfId} />
              </td>
              <td data-label={t('admin.table.status')} data-testid="user-status">
                <span className={`badge ${u.active ? 'badge--open' : 'badge--cancelled'}`}>
                  {u.active ? t('admin.table.active') : t('admin.table.deactivated')}
                </span>
              </td>
              <td data-label={t('admin.table.actions')}>
                <div className="actions">
                  <UserHistory user={u} selfId={selfId} />
                  {u.active && u.id !== selfId ? <DeactivateUser user={u} /> : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
