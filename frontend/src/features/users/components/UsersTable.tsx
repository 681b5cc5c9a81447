import type { UserOut } from '@/types/api';
import { RoleEditor } from './RoleEditor';

export function UsersTable({ users, selfId }: { users: UserOut[]; selfId: string }) {
  if (users.length === 0) return <p className="empty">No users match.</p>;
  return (
    <div className="table-wrap">
      <table className="table table--stack" data-testid="users">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <th scope="row">
                {u.name}
                {!u.active ? <span className="muted"> (deactivated)</span> : null}
              </th>
              <td data-label="Email">{u.email}</td>
              <td data-label="Role">
                <RoleEditor user={u} isSelf={u.id === selfId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
