import { useEffect, useRef, useState } from 'react';
import { Trans, useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { doorErrorMessage, waitingLabel, type DoorOutcome } from './door-messages';

interface DoorResultProps {
  outcome: DoorOutcome | null;
  /** The attendee's name once known; the registration stands in until then. */
  name?: string;
  /** A zone for the time of the first scan; the person's own zone when not given. */
  timeZone?: string;
  onUndo?: () => void;
  undoing?: boolean;
}

/** The big answer to a scan, announced politely to screen readers. Colour is never the only
 * signal: each state also has its own words and an icon. */
export function DoorResult({ outcome, name, timeZone, onUndo, undoing }: DoorResultProps) {
  const t = useT();
  const format = useFormat();
  const who = (registrationId: string) =>
    name ?? t('door.result.registration', { id: registrationId.slice(0, 8) });
  let content = null;
  let tone = 'idle';
  if (outcome?.kind === 'checked_in') {
    tone = 'ok';
    content = (
      <>
        <p className="door-result__title">
          <span aria-hidden="true">✓ </span>
          {t('door.result.checkedIn', { name: who(outcome.registrationId) })}
        </p>
        {onUndo ? (
          <UndoStep
            key={outcome.registrationId + outcome.at}
            name={who(outcome.registrationId)}
            onUndo={onUndo}
            undoing={undoing}
          />
        ) : null}
      </>
    );
  } else if (outcome?.kind === 'already') {
    tone = 'warn';
    content = (
      <>
        <p className="door-result__title">
          <span aria-hidden="true">! </span>
          <Trans
            i18nKey="door.result.already"
            values={{ time: format.dateTime(outcome.at, timeZone) }}
            components={{ time: <time dateTime={outcome.at} /> }}
          />
        </p>
        <p>{t('door.result.alreadyText', { name: who(outcome.registrationId) })}</p>
      </>
    );
  } else if (outcome?.kind === 'undone') {
    tone = 'info';
    content = (
      <p className="door-result__title">
        {t('door.result.undone', { name: who(outcome.registrationId) })}
      </p>
    );
  } else if (outcome?.kind === 'queued') {
    tone = 'info';
    content = (
      <>
        <p className="door-result__title">
          {t('door.result.queued', { waiting: waitingLabel(t, outcome.waiting) })}
        </p>
        <p>{t('door.result.queuedText')}</p>
      </>
    );
  } else if (outcome?.kind === 'error') {
    tone = 'error';
    content = (
      <p className="door-result__title">
        <span aria-hidden="true">✕ </span>
        {doorErrorMessage(t, outcome.code)}
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

/** "Undo", then an inline question naming the consequence before the check-in is taken back. */
function UndoStep({
  name,
  onUndo,
  undoing,
}: {
  name: string;
  onUndo: () => void;
  undoing?: boolean;
}) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) undoRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={undoRef} type="button" className="button" onClick={() => setAsking(true)}>
        {t('door.result.undo')}
      </button>
    );
  }
  return (
    <div
      className="stack"
      role="group"
      aria-labelledby="door-undo-question"
      aria-describedby="door-undo-consequence"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !undoing) setAsking(false);
      }}
    >
      <p id="door-undo-question">
        <strong>{t('door.result.undoQuestion', { name })}</strong>
      </p>
      <p id="door-undo-consequence">{t('door.result.undoConsequence')}</p>
      <div className="actions">
        <button
          ref={confirmRef}
          type="button"
          className="button button--danger"
          disabled={undoing}
          onClick={onUndo}
        >
          {undoing ? t('door.result.undoing') : t('door.result.undoConfirm')}
        </button>
        <button
          type="button"
          className="button"
          disabled={undoing}
          onClick={() => setAsking(false)}
        >
          {t('door.result.undoKeep')}
        </button>
      </div>
    </div>
  );
}
