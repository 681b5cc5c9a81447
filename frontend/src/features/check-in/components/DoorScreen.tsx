import { useRef, useState, type SubmitEvent } from 'react';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useDoorCounts, useRegistrationName } from '../api/door';
import { cameraScanSupported } from './barcode';
import { CameraScanner } from './CameraScanner';
import { DoorResult } from './DoorResult';
import { OfflineQueuePanel } from './OfflineQueuePanel';
import { useDoor } from './use-door';

interface DoorScreenProps {
  eventId: string;
  /** The event's zone, for the times shown. */
  timeZone?: string;
}

/** The door: type, paste or scan a ticket code; see at a glance whether to let them in. */
export function DoorScreen({ eventId, timeZone }: DoorScreenProps) {
  const [code, setCode] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const door = useDoor(eventId);
  const counts = useDoorCounts(eventId);
  const outcome = door.outcome;
  const registrationId =
    outcome && 'registrationId' in outcome ? outcome.registrationId : undefined;
  const name = useRegistrationName(eventId, registrationId).data;
  const [camera] = useState(cameraScanSupported);

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    door.submit(code);
    setCode('');
    inputRef.current?.focus();
  };

  return (
    <div className="door stack">
      <p className="door-counts" data-testid="door-counts">
        {counts.data ? (
          <>
            <strong>{counts.data.checkedIn}</strong> checked in of{' '}
            <strong>{counts.data.confirmed}</strong> confirmed
          </>
        ) : counts.isPending ? (
          <Loading label="Loading counts…" />
        ) : null}
      </p>
      {counts.isError ? (
        <ProblemAlert error={counts.error} title="Could not load the counts" />
      ) : null}
      <form className="door-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="door-code">Type or paste the ticket code</label>
        <input
          ref={inputRef}
          id="door-code"
          className="door-form__input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          placeholder="K3QZ 7XWB 2M4T J6PA"
          aria-describedby="door-code-hint"
          // The door screen exists for this one input.
          autoFocus
        />
        <p id="door-code-hint" className="field__hint">
          Spaces, dashes and lower case do not matter.
        </p>
        <button
          type="submit"
          className="button button--primary door-form__submit"
          disabled={door.scanning || code.trim() === ''}
        >
          {door.scanning ? 'Checking…' : 'Check in'}
        </button>
      </form>
      {camera ? <CameraScanner onCode={door.submit} /> : null}
      <DoorResult
        outcome={outcome}
        name={name}
        timeZone={timeZone}
        onUndo={door.undo}
        undoing={door.undoing}
      />
      <OfflineQueuePanel
        waiting={door.waiting}
        sending={door.sending}
        sent={door.sent}
        onSend={door.sendNow}
        timeZone={timeZone}
      />
    </div>
  );
}
