import type { NotificationKind } from '../api/types';

/** The badge's text: nothing at 0, the count up to 99, then "99+" so it stays one small chip. */
export function formatUnread(unread: number | null | undefined): string {
  if (typeof unread !== 'number' || !Number.isFinite(unread) || unread < 1) return '';
  return unread > 99 ? '99+' : String(Math.floor(unread));
}

/** The inbox link's accessible name, with the exact count. */
export function inboxLabel(unread: number | null | undefined): string {
  const n = typeof unread === 'number' && Number.isFinite(unread) ? Math.max(0, unread) : 0;
  if (n === 0) return 'Inbox';
  return `Inbox, ${n.toLocaleString('en')} unread`;
}

const KIND_LABELS: Record<NotificationKind, string> = {
  registration_confirmed: 'Registration confirmed',
  waitlisted: 'Waitlisted',
  promoted: 'Off the waitlist',
  registration_cancelled: 'Registration cancelled',
  event_changed: 'Event changed',
  event_cancelled: 'Event cancelled',
  reminder: 'Reminder',
  feedback_request: 'How was it?',
};

/** A kind's label; a kind this build does not know yet still gets a word. */
export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string | undefined>)[kind] ?? 'Notification';
}
