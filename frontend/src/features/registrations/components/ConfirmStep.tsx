import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '@/i18n';

interface ConfirmStepProps {
  /** The first button's text, and its accessible name when it differs (e.g. names the event). */
  label: string;
  ariaLabel?: string;
  /** The question that names the consequence. */
  question: ReactNode;
  confirmLabel?: string;
  keepLabel?: string;
  busy?: boolean;
  busyLabel?: string;
  onConfirm: () => void;
}

/**
 * A destructive action in two steps: the button opens an inline question naming the
 * consequence; focus moves to it, Escape or "Keep" returns to the button, only "Yes" acts.
 */
export function ConfirmStep({
  label,
  ariaLabel,
  question,
  confirmLabel,
  keepLabel,
  busy = false,
  busyLabel,
  onConfirm,
}: ConfirmStepProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const returnFocus = useRef(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();

  useEffect(() => {
    if (asking) yesRef.current?.focus();
    else if (returnFocus.current) {
      triggerRef.current?.focus();
      returnFocus.current = false;
    }
  }, [asking]);

  const keep = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className="button"
        aria-label={ariaLabel}
        disabled={busy}
        onClick={() => setAsking(true)}
      >
        {busy && busyLabel ? busyLabel : label}
      </button>
    );
  }
  return (
    <div
      className="alert alert--info stack"
      role="group"
      aria-labelledby={questionId}
      data-testid="confirm-cancel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          keep();
        }
      }}
    >
      <p id={questionId}>{question}</p>
      <div className="actions">
        <button
          ref={yesRef}
          type="button"
          className="button button--danger"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel ?? t('member.confirm.yes')}
        </button>
        <button type="button" className="button" onClick={keep}>
          {keepLabel ?? t('member.confirm.keep')}
        </button>
      </div>
    </div>
  );
}
