import { useT } from '@/i18n';
import { eventBadge, type BadgeEvent } from './event-status';

export function StatusBadge({ event }: { event: BadgeEvent }) {
  const t = useT();
  const badge = eventBadge(event);
  return (
    <span className={`badge badge--${badge.kind}`} data-testid="status-badge">
      {t(`events.badge.${badge.kind}`)}
    </span>
  );
}
