import { useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useNotifications } from '../api/get-notifications';
import { useMarkAllRead, useMarkRead } from '../api/mark-read';
import type { NotificationItem } from '../api/types';
import { kindLabel } from './badge';

const PAGE_SIZE = 20;

/** The inbox, newest first: opening an item marks it read; one button marks them all. */
export function InboxList() {
  const t = useT();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const inbox = useNotifications({ page, page_size: PAGE_SIZE });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = inbox.data?.unread ?? 0;

  return (
    <div className="stack">
      <div className="actions inbox-toolbar">
        <p className="muted" aria-live="polite" data-testid="inbox-unread">
          {unread === 0
            ? t('member.inbox.allRead')
            : t('member.inbox.unread', { count: unread, n: format.number(unread) })}
        </p>
        <button
          type="button"
          className="button"
          disabled={unread === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {markAll.isPending ? t('member.inbox.marking') : t('member.inbox.markAll')}
        </button>
      </div>
      <ProblemAlert error={markAll.error ?? markRead.error} title={t('member.inbox.markFailed')} />
      {inbox.isPending ? <Loading label={t('member.inbox.loading')} /> : null}
      {inbox.isError ? (
        <ProblemAlert
          error={inbox.error}
          title={t('member.inbox.loadFailed')}
          onRetry={() => void inbox.refetch()}
        />
      ) : null}
      {inbox.data ? (
        <>
          {inbox.data.items.length === 0 ? (
            <p className="empty">{t('member.inbox.empty')}</p>
          ) : (
            <ul className="inbox" aria-label={t('member.inbox.list')}>
              {inbox.data.items.map((item) => (
                <InboxItem key={item.id} item={item} onOpen={() => markRead.mutate(item.id)} />
              ))}
            </ul>
          )}
          <Pagination
            page={inbox.data.page}
            pageSize={inbox.data.page_size}
            total={inbox.data.total}
            onPageChange={setPage}
            label={t('member.inbox.pages')}
          />
        </>
      ) : null}
    </div>
  );
}

function InboxItem({ item, onOpen }: { item: NotificationItem; onOpen: () => void }) {
  const t = useT();
  const format = useFormat();
  const open = () => {
    if (!item.read) onOpen();
  };
  const title = item.read ? item.title : t('member.inbox.unreadTitle', { title: item.title });
  return (
    <li
      className={`inbox__item${item.read ? '' : ' inbox__item--unread'}`}
      data-testid="inbox-item"
      data-read={item.read}
    >
      <p className="inbox__meta">
        <span className="chip">{kindLabel(t, item.kind)}</span>{' '}
        <time className="muted" dateTime={item.created_at}>
          {format.dateTime(item.created_at)}
        </time>
      </p>
      {item.event_id ? (
        <Link
          className="inbox__title"
          to={`/events/${encodeURIComponent(item.event_id)}`}
          onClick={open}
          aria-label={title}
        >
          {item.title}
        </Link>
      ) : (
        <button
          type="button"
          className="inbox__title inbox__button"
          onClick={open}
          aria-label={title}
        >
          {item.title}
        </button>
      )}
      {item.body ? <p className="inbox__body">{item.body}</p> : null}
    </li>
  );
}
