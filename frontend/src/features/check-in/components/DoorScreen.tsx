import { useRef, useState, type SubmitEvent } from 'react';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Trans, useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useDoorCounts, useRegistrationName } from '../api/door';
import { cameraScanSupported } from './barcode';
import { CameraScanner } from './CameraScanner';
import { DoorResult } from './DoorResult';
import { OfflineQueuePanel } from './OfflineQueuePanel';
import { useDoor } from './use-door';

interface DoorScreenProps {
  eventId: string;
  /** A zone for the times shown; the person's own zone when not given. */
  timeZone?: string;
}

/** The door: type, paste or scan a ticket code; see at a glance whether to let them in. */
export function DoorScreen({ eventId, timeZone }: DoorScreenProps) {
  const t = useT();
  const format = useFormat();
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
          <Trans
            i18nKey="door.screen.counts"
            values={{
              checkedIn: format.number(counts.data.checkedIn),
              confirmed: format.number(counts.data.confirmed),
            }}
            components={{ strong: <strong /> }}
          />
        ) : counts.isPending ? (
          <Loading label={t('door.screen.loadingCounts')} />
        ) : null}
      </p>
      {counts.isError ? (
        <ProblemAlert
          error={counts.error}
          title={t('door.screen.countsFailed')}
          onRetry={() => void counts.refetch()}
        />
      ) : null}
      <form className="door-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="door-code">{t('door.screen.codeLabel')}</label>
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
          {t('door.screen.codeHint')}
        </p>
        <button
          type="submit"
          className="button button--primary door-form__submit"
          disabled={door.scanning || code.trim() === ''}
        >
          {door.scanning ? t('door.screen.submitting') : t('door.screen.submit')}
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
