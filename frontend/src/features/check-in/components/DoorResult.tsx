import { formatDateTime } from '@/lib/datetime';
import { waitingLabel, type DoorOutcome } from './door-messages';

interface DoorResultProps {
  outcome: DoorOutcome | null;
  /** The attendee's name once known; the registration stands in until then. */
  name?: string;
  /** The event's zone: the time of the first scan as the door's clock shows it. */
  timeZone?: string;
  onUndo?: () => void;
  undoing?: boolean;
}

const who = (name: string | undefined, registrationId: string) =>
  name ?? `registration ${registrationId.slice(0, 8)}`;

/** The big answer to a scan, announced politely to screen readers. Colour is never the only
 * signal: each state also has its own words and an icon. */
export function DoorResult({ outcome, name, timeZone, onUndo, undoing }: DoorResultProps) {
  let content = null;
  let tone = 'idle';
  if (outcome?.kind === 'checked_in') {
    tone = 'ok';
    content = (
      <>
        <p className="door-result__title">
          <span aria-hidden="true">✓ </span>Checked in: {who(name, outcome.registrationId)}
        </p>
        {onUndo ? (
          <button type="button" className="button" disabled={undoing} onClick={onUndo}>
            {undoing ? 'Undoing…' : 'Undo'}
          </button>
        ) : null}
      </>
    );
  } else if (outcome?.kind === 'already') {
    tone = 'warn';
    content = (
      <>
        <p className="door-result__title">
          <span aria-hidden="true">! </span>Already checked in at{' '}
          <time dateTime={outcome.at}>{formatDateTime(outcome.at, timeZone)}</time>
        </p>
        <p>{who(name, outcome.registrationId)} was scanned before; counted once.</p>
      </>
    );
  } else if (outcome?.kind === 'undone') {
    tone = 'info';
    content = (
      <p className="door-result__title">Check-in undone: {who(name, outcome.registrationId)}</p>
    );
  } else if (outcome?.kind === 'queued') {
    tone = 'info';
    content = (
      <>
        <p className="door-result__title">Saved offline — {waitingLabel(outcome.waiting)}</p>
        <p>They are sent, with the time of the scan, when the connection is back.</p>
      </>
    );
  } else if (outcome?.kind === 'error') {
    tone = 'error';
    content = (
      <p className="door-result__title">
        <span aria-hidden="true">✕ </span>
        {outcome.message}
      </p>
    );
  }
  return (
    <div
      className={`door-result door-result--${tone}`}
      aria-live="polite"
      data-testid="door-result"
      data-outcome={outcome?.kind ?? 'none'}
      data-code={outcome?.kind === 'error' ? outcome.code : undefined}
    >
      {content}
    </div>
  );
}
