import { describe, expect, it } from 'vitest';
import { notificationFromLive } from '../api/types';
import { formatUnread, inboxLabel, kindLabel } from './badge';

describe('inbox badge', () => {
  it('shows nothing without unread items', () => {
    expect(formatUnread(0)).toBe('');
    expect(formatUnread(undefined)).toBe('');
    expect(formatUnread(-3)).toBe('');
    expect(formatUnread(Number.NaN)).toBe('');
  });
  it('counts up to 99, then 99+', () => {
    expect(formatUnread(1)).toBe('1');
    expect(formatUnread(99)).toBe('99');
    expect(formatUnread(100)).toBe('99+');
    expect(formatUnread(12345)).toBe('99+');
  });
  it('tells screen readers the exact count', () => {
    expect(inboxLabel(0)).toBe('Inbox');
    expect(inboxLabel(undefined)).toBe('Inbox');
    expect(inboxLabel(1)).toBe('Inbox, 1 unread');
    expect(inboxLabel(1200)).toBe('Inbox, 1,200 unread');
  });
  it('names each kind, and copes with a new one', () => {
    expect(kindLabel('reminder')).toBe('Reminder');
    expect(kindLabel('something_new')).toBe('Notification');
  });
});

describe('notificationFromLive', () => {
  const item = {
    id: 'n1',
    kind: 'promoted',
    event_id: 'e1',
    title: 'You have a seat',
    body: 'Someone cancelled.',
    created_at: '2030-01-01T10:00:00+00:00',
    read: false,
  };
  it('reads the item next to `type`', () => {
    expect(notificationFromLive({ type: 'notification', ...item })).toEqual(item);
  });
  it('refuses a frame without id, kind or title', () => {
    expect(notificationFromLive({ type: 'notification' })).toBeNull();
    expect(notificationFromLive({ ...item, id: 3 })).toBeNull();
    expect(notificationFromLive({ ...item, kind: undefined })).toBeNull();
  });
});
