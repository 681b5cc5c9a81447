import type { TFunction } from 'i18next';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { FlushResult } from '../api/offline-queue';
import { doorErrorMessage, waitingLabel } from './door-messages';

interface OfflineQueuePanelProps {
  waiting: number;
  sending: boolean;
  sent: FlushResult[];
  onSend: () => void;
  /** A zone for the scans' times; the person's own zone when not given. */
  timeZone?: string;
}

function resultText(t: TFunction, r: FlushResult): string {
  if (r.outcome === 'checked_in') return t('door.queue.checkedIn');
  if (r.outcome === 'already_checked_in') return t('door.queue.already');
  return doorErrorMessage(t, r.code);
}

/** Scans saved while offline, a "Send now", and what the server made of the ones sent. */
export function OfflineQueuePanel({
  waiting,
  sending,
  sent,
  onSend,
  timeZone,
}: OfflineQueuePanelProps) {
  const t = useT();
  const format = useFormat();
  if (waiting === 0 && sent.length === 0) return null;
  return (
    <section className="panel stack" aria-labelledby="door-queue-heading">
      <h2 id="door-queue-heading">{t('door.queue.heading')}</h2>
      {waiting > 0 ? (
        <div className="actions">
          <p className="alert alert--info" data-testid="door-queue">
            {t('door.queue.savedOffline', { waiting: waitingLabel(t, waiting) })}
          </p>
          <button type="button" className="button" disabled={sending} onClick={onSend}>
            {sending ? t('door.queue.sending') : t('door.queue.send')}
          </button>
        </div>
      ) : null}
      {sent.length > 0 ? (
        <ul className="door-sent" aria-label={t('door.queue.sentList')}>
          {sent.map((r) => (
            <li
              key={`${r.ticket_code}-${r.checked_in_at}`}
              className={`door-sent__item door-sent__item--${r.outcome}`}
            >
              <code>{r.ticket_code}</code> (
              <time dateTime={r.checked_in_at}>{format.dateTime(r.checked_in_at, timeZone)}</time>):{' '}
              {resultText(t, r)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
