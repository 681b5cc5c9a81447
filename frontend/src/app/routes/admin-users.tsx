import '@/i18n/areas/admin';
import { useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useAuth } from '@/features/auth/components/use-auth';
import { useUsers } from '@/features/users/api/get-users';
import { UserFilters, type UserFilterValues } from '@/features/users/components/UserFilters';
import { UsersTable } from '@/features/users/components/UsersTable';
import { useT } from '@/i18n';

const PAGE_SIZE = 20;

/** /admin/users, behind RequireAuth for admins. */
export function AdminUsersRoute() {
  const t = useT();
  const { user } = useAuth();
  const [filters, setFilters] = useState<UserFilterValues>({ q: '', role: '', status: '' });
  const [page, setPage] = useState(1);
  const users = useUsers({
    q: filters.q,
    role: filters.role,
    active: filters.status === '' ? undefined : filters.status === 'active',
    page,
    page_size: PAGE_SIZE,
  });

  return (
    <>
      <title>{t('admin.users.title')}</title>
      <h1>{t('admin.users.heading')}</h1>
      <UserFilters
        values={filters}
        onApply={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      {users.isPending ? <Loading label={t('admin.users.loading')} /> : null}
      {users.isError ? (
        <ProblemAlert
          error={users.error}
          title={t('admin.users.loadFailed')}
          onRetry={() => void users.refetch()}
        />
      ) : null}
      {users.data ? (
        <div className="stack">
          <p aria-live="polite">{t('admin.users.count', { count: users.data.total })}</p>
          <UsersTable users={users.data.items} selfId={user?.id ?? ''} />
          <Pagination
            page={users.data.page}
            pageSize={users.data.page_size}
            total={users.data.total}
            onPageChange={setPage}
            label={t('admin.users.pages')}
          />
        </div>
      ) : null}
    </>
  );
}
