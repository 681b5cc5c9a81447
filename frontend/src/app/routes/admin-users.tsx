import '@/i18n/areas/admin';
import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useAuth } from '@/features/auth/components/use-auth';
import { useUsers } from '@/features/users/api/get-users';
import { UserFilters, type UserFilterValues } from '@/features/users/components/UserFilters';
import { UsersTable } from '@/features/users/components/UsersTable';

const PAGE_SIZE = 20;

/** /admin/users, behind RequireAuth for admins. */
export function AdminUsersRoute() {
  const { user } = useAuth();
  const [filters, setFilters] = useState<UserFilterValues>({ q: '', role: '' });
  const [page, setPage] = useState(1);
  const users = useUsers({ ...filters, page, page_size: PAGE_SIZE });

  return (
    <>
      <title>Users · EventConnect</title>
      <h1>Users</h1>
      <UserFilters
        values={filters}
        onApply={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      {users.isPending ? <Loading label="Loading users…" /> : null}
      {users.isError ? <ProblemAlert error={users.error} /> : null}
      {users.data ? (
        <div className="stack">
          <p aria-live="polite">
            {users.data.total === 1 ? '1 user' : `${users.data.total} users`}
          </p>
          <UsersTable users={users.data.items} selfId={user?.id ?? ''} />
          <Pagination
            page={users.data.page}
            pageSize={users.data.page_size}
            total={users.data.total}
            onPageChange={setPage}
            label="User pages"
          />
        </div>
      ) : null}
    </>
  );
}
