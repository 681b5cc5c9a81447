import type { TFunction } from 'i18next';
import { formatNumberIn } from '@/i18n/format';
import { NOTIFICATION_KINDS } from '@/types/api';

/** The badge's text: nothing at 0, the count up to 99, then "99+" so it stays one small chip. */
export function formatUnread(unread: number | null | undefined): string {
  if (typeof unread !== 'number' || !Number.isFinite(unread) || unread < 1) return '';
  return unread > 99 ? '99+' : String(Math.floor(unread));
}

/** The inbox link's accessible name, with the exact count, in the person's language. */
export function inboxLabel(
  t: TFunction,
  unread: number | null | undefined,
  locale: string,
): string {
  const n = typeof unread === 'number' && Number.isFinite(unread) ? Math.max(0, unread) : 0;
  if (n === 0) return t('member.inbox.link');
  return t('member.inbox.linkUnread', { count: n, n: formatNumberIn(n, locale) });
}

/** A kind's label; a kind this build does not know yet still gets a word. */
export function kindLabel(t: TFunction, kind: string): string {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind)
    ? t(`member.inbox.kind.${kind}`)
    : t('member.inbox.kind.other');
}
