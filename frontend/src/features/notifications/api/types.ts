// The inbox shapes, from the generated contract (src/types/api.ts).
import type { NotificationOut } from '@/types/api';

export type {
  InboxPage as NotificationsPage,
  NotificationKind,
  NotificationOut as NotificationItem,
  Unsubscribed,
  UnreadOut as UnreadCount,
} from '@/types/api';

/**
 * The inbox item of a live `{"type": "notification", …}` frame (its fields sit next to `type`,
 * as query_api/live_hub.py sends them), or null when it is not recognisable.
 */
export function notificationFromLive(data: Record<string, unknown>): NotificationOut | null {
  const { id, kind, event_id, title, body, created_at, read } = data;
  if (typeof id !== 'string' || typeof title !== 'string' || typeof kind !== 'string') return null;
  return {
    id,
    kind: kind as NotificationOut['kind'],
    event_id: typeof event_id === 'string' ? event_id : null,
    title,
    body: typeof body === 'string' ? body : '',
    created_at: typeof created_at === 'string' ? created_at : new Date().toISOString(),
    read: read === true,
  };
}
