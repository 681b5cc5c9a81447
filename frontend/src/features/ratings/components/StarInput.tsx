import { useRef, type KeyboardEvent } from 'react';
import { useT } from '@/i18n';
import { MAX_STARS, nextStar, scoreWord, starLabel, tabStop } from './stars';

interface StarInputProps {
  id: string;
  label: string;
  value: number | null;
  onChange: (score: number) => void;
  disabled?: boolean;
  describedBy?: string;
}

const SCORES = Array.from({ length: MAX_STARS }, (_, i) => i + 1);

/** Five stars as a radio group: Tab reaches the chosen star, arrows change it, digits pick. */
export function StarInput({ id, label, value, onChange, disabled, describedBy }: StarInputProps) {
  const t = useT();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const labelId = `${id}-label`;

  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextStar(event.key, value);
    if (next === null) return;
    event.preventDefault();
    onChange(next);
    refs.current[next - 1]?.focus();
  };

  return (
    <div className="stars-field">
      <span id={labelId} className="field__label-text">
        {label}
      </span>
      <div
        role="radiogroup"
        id={id}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-disabled={disabled || undefined}
        className="stars"
        data-testid="star-input"
      >
        {SCORES.map((score) => {
          const checked = value === score;
          return (
            <button
              key={score}
              ref={(el) => {
                refs.current[score - 1] = el;
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              aria-label={starLabel(t, score)}
              tabIndex={score === tabStop(value) ? 0 : -1}
              disabled={disabled}
              className={`stars__star${value !== null && score <= value ? ' stars__star--on' : ''}`}
              onClick={() => onChange(score)}
              onKeyDown={onKeyDown}
            >
              <span aria-hidden="true">★</span>
            </button>
          );
        })}
        <span className="stars__word" aria-hidden="true">
          {scoreWord(t, value)}
        </span>
      </div>
    </div>
  );
}
