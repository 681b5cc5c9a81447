import { Field } from '@/components/Field';
import type { Weekday } from '../api/types';
import {
  POSITION_LABELS,
  WEEKDAY_LABELS,
  WEEKDAYS,
  previewOccurrences,
  toRecurrence,
  weekdayOf,
  type RepeatKind,
  type RepeatValues,
} from './repeats';

interface RepeatsFieldsetProps {
  values: RepeatValues;
  onChange: (values: RepeatValues) => void;
  /** The first occurrence's local start ('YYYY-MM-DDTHH:mm') and its zone, for the preview. */
  startsAt: string;
  timezone: string;
}

function formatLocal(local: string): string {
  // A local wall time shown as is: formatting it in UTC keeps the digits the organizer typed.
  return new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(`${local}:00Z`));
}

/** "Repeats": weekly on weekdays, monthly on a day or on the Nth weekday; every N; ends. */
export function RepeatsFieldset({ values, onChange, startsAt, timezone }: RepeatsFieldsetProps) {
  const set = <K extends keyof RepeatValues>(key: K, value: RepeatValues[K]) => {
    onChange({ ...values, [key]: value });
  };
  const chooseKind = (kind: RepeatKind) => {
    // Start from the first occurrence's own weekday, so the rule includes the start.
    const first = startsAt ? weekdayOf(startsAt) : 'MO';
    onChange({
      ...values,
      kind,
      weekdays: values.weekdays.length ? values.weekdays : [first],
      nthWeekday: first,
      monthDay: startsAt ? String(Number(startsAt.slice(8, 10))) : values.monthDay,
    });
  };
  const toggleDay = (day: Weekday, on: boolean) => {
    const days = on ? [...values.weekdays, day] : values.weekdays.filter((d) => d !== day);
    set(
      'weekdays',
      WEEKDAYS.filter((d) => days.includes(d)),
    );
  };
  const rule = toRecurrence(values, startsAt);
  const preview = rule ? previewOccurrences(rule, startsAt) : [];
  const unit = values.kind === 'weekly' ? 'weeks' : 'months';

  return (
    <fieldset>
      <legend>Repeats</legend>
      <Field id="repeat-kind" label="How often">
        {(c) => (
          <select
            {...c}
            value={values.kind}
            onChange={(e) => chooseKind(e.target.value as RepeatKind)}
          >
            <option value="none">Does not repeat</option>
            <option value="weekly">Weekly</option>
            <option value="monthly-day">Monthly on a day of the month</option>
            <option value="monthly-nth">Monthly on a weekday (e.g. the 2nd Tuesday)</option>
          </select>
        )}
      </Field>
      {values.kind === 'none' ? null : (
        <>
          <Field id="repeat-interval" label={`Every how many ${unit}`}>
            {(c) => (
              <input
                {...c}
                type="number"
                min={1}
                max={99}
                value={values.interval}
                onChange={(e) => set('interval', e.target.value)}
              />
            )}
          </Field>
          {values.kind === 'weekly' ? (
            <fieldset>
              <legend>On</legend>
              {WEEKDAYS.map((day) => (
                <div className="check" key={day}>
                  <input
                    id={`repeat-day-${day}`}
                    type="checkbox"
                    checked={values.weekdays.includes(day)}
                    onChange={(e) => toggleDay(day, e.target.checked)}
                  />
                  <label htmlFor={`repeat-day-${day}`}>{WEEKDAY_LABELS[day]}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          {values.kind === 'monthly-day' ? (
            <Field id="repeat-month-day" label="Day of the month">
              {(c) => (
                <input
                  {...c}
                  type="number"
                  min={1}
                  max={31}
                  value={values.monthDay}
                  onChange={(e) => set('monthDay', e.target.value)}
                />
              )}
            </Field>
          ) : null}
          {values.kind === 'monthly-nth' ? (
            <>
              <Field id="repeat-position" label="Which one">
                {(c) => (
                  <select
                    {...c}
                    value={values.setPosition}
                    onChange={(e) => set('setPosition', e.target.value)}
                  >
                    {Object.entries(POSITION_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="repeat-nth-weekday" label="Weekday">
                {(c) => (
                  <select
                    {...c}
                    value={values.nthWeekday}
                    onChange={(e) => set('nthWeekday', e.target.value as Weekday)}
                  >
                    {WEEKDAYS.map((day) => (
                      <option key={day} value={day}>
                        {WEEKDAY_LABELS[day]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          ) : null}
          <Field id="repeat-ends" label="Ends">
            {(c) => (
              <select
                {...c}
                value={values.ends}
                onChange={(e) => set('ends', e.target.value as RepeatValues['ends'])}
              >
                <option value="count">After a number of occurrences</option>
                <option value="until">On a date</option>
              </select>
            )}
          </Field>
          {values.ends === 'count' ? (
            <Field id="repeat-count" label="Number of occurrences" hint="At most 100.">
              {(c) => (
                <input
                  {...c}
                  type="number"
                  min={1}
                  max={100}
                  value={values.count}
                  onChange={(e) => set('count', e.target.value)}
                />
              )}
            </Field>
          ) : (
            <Field id="repeat-until" label="Last date">
              {(c) => (
                <input
                  {...c}
                  type="date"
                  value={values.until}
                  onChange={(e) => set('until', e.target.value)}
                />
              )}
            </Field>
          )}
          <section aria-label="First occurrences">
            <p>First occurrences ({timezone}):</p>
            {preview.length ? (
              <ul>
                {preview.map((local) => (
                  <li key={local}>{formatLocal(local)}</li>
                ))}
              </ul>
            ) : (
              <p>Choose a start date to see them.</p>
            )}
          </section>
        </>
      )}
    </fieldset>
  );
}
