import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
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
    const t = i18n.getFixedT('en');
    expect(inboxLabel(t, 0, 'en')).toBe('Inbox');
    expect(inboxLabel(t, undefined, 'en')).toBe('Inbox');
    expect(inboxLabel(t, 1, 'en')).toBe('Inbox, 1 unread');
    expect(inboxLabel(t, 1200, 'en')).toBe('Inbox, 1,200 unread');
  });
  it('says it in German too', () => {
    const t = i18n.getFixedT('de');
    expect(inboxLabel(t, 0, 'de')).toBe('Posteingang');
    expect(inboxLabel(t, 1200, 'de')).toBe('Posteingang, 1.200 ungelesen');
  });
  it('names each kind, and copes with a new one', () => {
    const t = i18n.getFixedT('en');
    expect(kindLabel(t, 'reminder')).toBe('Reminder');
    expect(kindLabel(t, 'something_new')).toBe('Notification');
    expect(kindLabel(i18n.getFixedT('de'), 'reminder')).toBe('Erinnerung');
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
