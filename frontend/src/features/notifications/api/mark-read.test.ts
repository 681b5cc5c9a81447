import { describe, expect, it } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import { notificationKeys } from '@/lib/query-keys';
import { applyRead } from './mark-read';
import type { NotificationItem, NotificationsPage } from './types';

const item = (id: string): NotificationItem => ({
  id,
  kind: 'reminder',
  event_id: null,
  title: `Reminder ${id}`,
  body: '',
  created_at: '2030-01-01T10:00:00+00:00',
  read: false,
});

function cached() {
  const client = createQueryClient();
  const page: NotificationsPage = {
    items: [item('a'), item('b')],
    total: 2,
    page: 1,
    page_size: 20,
    unread: 2,
  };
  client.setQueryData(notificationKeys.list('s1', { page: 1, page_size: 20 }), page);
  client.setQueryData(notificationKeys.list('s1', { page: 1, page_size: 1 }), {
    ...page,
    items: [item('a')],
  });
  const read = (size: number) =>
    client.getQueryData<NotificationsPage>(
      notificationKeys.list('s1', { page: 1, page_size: size }),
    );
  return { client, read };
}

describe('applyRead', () => {
  it('marks one item read and sets the badge count everywhere', async () => {
    const { client, read } = cached();
    await applyRead(client, { unread: 1, position: 5 }, 'b');
    expect(read(20)?.items.map((n) => n.read)).toEqual([false, true]);
    expect(read(20)?.unread).toBe(1);
    expect(read(1)?.unread).toBe(1);
  });
  it('marks all read', async () => {
    const { client, read } = cached();
    await applyRead(client, { unread: 0, position: 6 }, null);
    expect(read(20)?.items.every((n) => n.read)).toBe(true);
    expect(read(1)?.unread).toBe(0);
  });
});
