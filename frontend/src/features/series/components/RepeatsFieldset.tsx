import { Field } from '@/components/Field';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import type { Weekday } from '../api/types';
import {
  POSITIONS,
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

/** "1" … "5" and "-1" (the last): the catalogue's key for each position. */
const positionKey = (value: string) => (value === '-1' ? 'last' : value);

function formatLocal(local: string, locale: string): string {
  // A local wall time shown as is: formatting it in UTC keeps the digits the organizer typed.
  return new Intl.DateTimeFormat(locale, {
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
  const t = useT();
  const { locale } = useFormat();
  const weekdayLabel = (day: Weekday) => t(`organizer.repeats.weekday.${day}`);
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

  return (
    <fieldset>
      <legend>{t('organizer.repeats.legend')}</legend>
      <Field id="repeat-kind" label={t('organizer.repeats.howOften')}>
        {(c) => (
          <select
            {...c}
            value={values.kind}
            onChange={(e) => chooseKind(e.target.value as RepeatKind)}
          >
            <option value="none">{t('organizer.repeats.kind.none')}</option>
            <option value="weekly">{t('organizer.repeats.kind.weekly')}</option>
            <option value="monthly-day">{t('organizer.repeats.kind.monthlyDay')}</option>
            <option value="monthly-nth">{t('organizer.repeats.kind.monthlyNth')}</option>
          </select>
        )}
      </Field>
      {values.kind === 'none' ? null : (
        <>
          <Field
            id="repeat-interval"
            label={
              values.kind === 'weekly'
                ? t('organizer.repeats.intervalWeeks')
                : t('organizer.repeats.intervalMonths')
            }
          >
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
              <legend>{t('organizer.repeats.on')}</legend>
              {WEEKDAYS.map((day) => (
                <div className="check" key={day}>
                  <input
                    id={`repeat-day-${day}`}
                    type="checkbox"
                    checked={values.weekdays.includes(day)}
                    onChange={(e) => toggleDay(day, e.target.checked)}
                  />
                  <label htmlFor={`repeat-day-${day}`}>{weekdayLabel(day)}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          {values.kind === 'monthly-day' ? (
            <Field id="repeat-month-day" label={t('organizer.repeats.monthDay')}>
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
              <Field id="repeat-position" label={t('organizer.repeats.position.label')}>
                {(c) => (
                  <select
                    {...c}
                    value={values.setPosition}
                    onChange={(e) => set('setPosition', e.target.value)}
                  >
                    {POSITIONS.map((value) => (
                      <option key={value} value={value}>
                        {t(`organizer.repeats.position.${positionKey(value)}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="repeat-nth-weekday" label={t('organizer.repeats.weekdayLabel')}>
                {(c) => (
                  <select
                    {...c}
                    value={values.nthWeekday}
                    onChange={(e) => set('nthWeekday', e.target.value as Weekday)}
                  >
                    {WEEKDAYS.map((day) => (
                      <option key={day} value={day}>
                        {weekdayLabel(day)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          ) : null}
          <Field id="repeat-ends" label={t('organizer.repeats.ends')}>
            {(c) => (
              <select
                {...c}
                value={values.ends}
                onChange={(e) => set('ends', e.target.value as RepeatValues['ends'])}
              >
                <option value="count">{t('organizer.repeats.endsCount')}</option>
                <option value="until">{t('organizer.repeats.endsUntil')}</option>
              </select>
            )}
          </Field>
          {values.ends === 'count' ? (
            <Field
              id="repeat-count"
              label={t('organizer.repeats.count')}
              hint={t('organizer.repeats.countHint', { max: 100 })}
            >
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
            <Field id="repeat-until" label={t('organizer.repeats.until')}>
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
          <section aria-label={t('organizer.repeats.preview')}>
            <p>{t('organizer.repeats.previewIn', { zone: timezone })}</p>
            {preview.length ? (
              <ul>
                {preview.map((local) => (
                  <li key={local}>{formatLocal(local, locale)}</li>
                ))}
              </ul>
            ) : (
              <p>{t('organizer.repeats.previewEmpty')}</p>
            )}
          </section>
        </>
      )}
    </fieldset>
  );
}
