import { useT } from '@/i18n';
import type { EventOut } from '@/types/api';
import { eventBadge } from './event-status';

export function StatusBadge({
  event,
}: {
  event: Pick<EventOut, 'status' | 'seats_left' | 'waitlist_enabled'>;
}) {
  const t = useT();
  const badge = eventBadge(event);
  return (
    <span className={`badge badge--${badge.kind}`} data-testid="status-badge">
      {t(`events.badge.${badge.kind}`)}
    </span>
  );
}
