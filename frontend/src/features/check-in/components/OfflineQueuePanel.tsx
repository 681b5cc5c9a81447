import { formatDateTime } from '@/lib/datetime';
import type { FlushResult } from '../api/offline-queue';
import { doorErrorMessage, waitingLabel } from './door-messages';

interface OfflineQueuePanelProps {
  waiting: number;
  sending: boolean;
  sent: FlushResult[];
  onSend: () => void;
  timeZone?: string;
}

function resultText(r: FlushResult): string {
  if (r.outcome === 'checked_in') return 'checked in';
  if (r.outcome === 'already_checked_in') return 'already checked in';
  return doorErrorMessage(r.code, r.message);
}

/** Scans saved while offline, a "Send now", and what the server made of the ones sent. */
export function OfflineQueuePanel({
  waiting,
  sending,
  sent,
  onSend,
  timeZone,
}: OfflineQueuePanelProps) {
  if (waiting === 0 && sent.length === 0) return null;
  return (
    <section className="panel stack" aria-labelledby="door-queue-heading">
      <h2 id="door-queue-heading">Offline scans</h2>
      {waiting > 0 ? (
        <div className="actions">
          <p className="alert alert--info" data-testid="door-queue">
            Saved offline — {waitingLabel(waiting)}
          </p>
          <button type="button" className="button" disabled={sending} onClick={onSend}>
            {sending ? 'Sending…' : 'Send now'}
          </button>
        </div>
      ) : null}
      {sent.length > 0 ? (
        <ul className="door-sent" aria-label="Sent offline scans">
          {sent.map((r) => (
            <li
              key={`${r.ticket_code}-${r.checked_in_at}`}
              className={`door-sent__item door-sent__item--${r.outcome}`}
            >
              <code>{r.ticket_code}</code> ({formatDateTime(r.checked_in_at, timeZone)}):{' '}
              {resultText(r)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
