import { useEffect, useId, useRef, useState } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { UserOut } from '@/types/api';
import { useUserHistory } from '../api/get-user-history';
import { historyActor, historyDetail, historyLabel } from './history-labels';

const PAGE_SIZE = 20;

/** "History" for one account: its recorded events in a modal dialog, paged, oldest first,
 * times in the admin's own zone. */
export function UserHistory({ user, selfId }: { user: UserOut; selfId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-label={t('admin.history.buttonLabel', { name: user.name })}
        onClick={() => setOpen(true)}
      >
        {t('admin.history.button')}
      </button>
      <dialog
        ref={ref}
        className="panel stack history-dialog"
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
      >
        {open ? (
          <>
            <h2 id={titleId}>{t('admin.history.title', { name: user.name })}</h2>
            <HistoryEntries user={user} selfId={selfId} />
            <div className="actions">
              <button type="button" className="button" autoFocus onClick={() => setOpen(false)}>
                {t('admin.history.close')}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </>
  );
}

function HistoryEntries({ user, selfId }: { user: UserOut; selfId: string }) {
  const t = useT();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const history = useUserHistory(user.id, page, PAGE_SIZE);

  if (history.isPending) return <Loading label={t('admin.history.loading')} />;
  if (history.isError) {
    return (
      <ProblemAlert
        error={history.error}
        title={t('admin.history.loadFailed')}
        onRetry={() => void history.refetch()}
      />
    );
  }
  const data = history.data;
  if (data.total === 0) return <p className="empty">{t('admin.history.empty')}</p>;
  return (
    <>
      <p className="muted" aria-live="polite">
        {t('admin.history.count', { count: data.total })}
      </p>
      <ol className="timeline" data-testid="user-history">
        {data.items.map((entry) => {
          const detail = historyDetail(t, entry);
          return (
            <li key={entry.position} className="timeline__item" data-testid="user-history-entry">
              <p className="timeline__summary">
                <strong>{historyLabel(t, entry)}</strong>
                {detail ? ` — ${detail}` : null}
              </p>
              <p className="muted">
                <time dateTime={entry.occurred_at}>{format.dateTime(entry.occurred_at)}</time> ·{' '}
                {historyActor(t, entry, user, selfId)}
              </p>
            </li>
          );
        })}
      </ol>
      <Pagination
        page={data.page}
        pageSize={data.page_size}
        total={data.total}
        onPageChange={setPage}
        label={t('admin.history.pages')}
      />
    </>
  );
}
