import { useState, type ReactNode, type SubmitEvent } from 'react';
import { CountrySelect } from '@/components/CountrySelect';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TimeZoneSelect } from '@/components/TimeZoneSelect';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import { CATEGORIES } from '@/types/api';
import { LIMITS } from '@/types/limits';
import { CATEGORY_LABELS } from './event-status';
import type { EventFormValues } from './event-form';

const SHOWN_FIELDS = [
  'title',
  'description',
  'category',
  'tags',
  'starts_at',
  'ends_at',
  'timezone',
  'location.country',
  'location.city',
  'location.venue',
  'location.online_url',
  'capacity',
] as const;

/** The server's field key for each form value, to clear its error once the value changes. */
const SERVER_FIELD: Record<keyof EventFormValues, string> = {
  title: 'title',
  description: 'description',
  category: 'category',
  tags: 'tags',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  timezone: 'timezone',
  country: 'location.country',
  city: 'location.city',
  venue: 'location.venue',
  onlineUrl: 'location.online_url',
  capacity: 'capacity',
  waitlistEnabled: 'waitlist_enabled',
  publish: 'publish',
};

interface EventFormProps {
  mode: 'create' | 'edit';
  initial: EventFormValues;
  onSubmit: (values: EventFormValues) => void;
  pending: boolean;
  error: unknown;
  /** A problem found before sending (already translated), e.g. a date the zone cannot read. */
  localProblem?: string | null;
  submitLabel: string;
  /** More fields after the event's own (the new-event page's "Repeats"), given the values. */
  renderExtra?: (values: EventFormValues) => ReactNode;
}

export function EventForm({
  mode,
  initial,
  onSubmit,
  pending,
  error,
  localProblem,
  submitLabel,
  renderExtra,
}: EventFormProps) {
  const t = useT();
  const [values, setValues] = useState(initial);
  const { errors, clear } = useServerErrors(error);
  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    clear(SERVER_FIELD[key]);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  const id = (name: string) => `${mode}-${name}`;

  return (
    <form className="form" onSubmit={submit} noValidate={false}>
      {localProblem ? (
        <p className="alert alert--error" role="alert">
          {localProblem}
        </p>
      ) : null}
      <ProblemAlert
        error={error}
        shownFields={SHOWN_FIELDS}
        fieldLabels={{
          location: t('organizer.form.where'),
          waitlist_enabled: t('organizer.form.waitlist'),
          publish: t('organizer.form.publish'),
        }}
      />
      <fieldset>
        <legend>{t('organizer.form.about')}</legend>
        <Field id={id('title')} label={t('organizer.form.title')} required error={errors.title}>
          {(c) => (
            <input
              {...c}
              required
              maxLength={LIMITS.eventTitle}
              value={values.title}
              onChange={(e) => set('title', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={id('description')}
          label={t('organizer.form.description')}
          error={errors.description}
        >
          {(c) => (
            <textarea
              {...c}
              rows={5}
              maxLength={LIMITS.eventDescription}
              value={values.description}
              onChange={(e) => set('description', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={id('category')}
          label={t('organizer.form.category')}
          required
          error={errors.category}
        >
          {(c) => (
            <select
              {...c}
              value={values.category}
              onChange={(e) => set('category', e.target.value as EventFormValues['category'])}
            >
              {CATEGORIES.map((cat) => (
                <option key={cat} value={cat}>
                  {t(`events.category.${cat}`, { defaultValue: CATEGORY_LABELS[cat] ?? cat })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id('tags')}
          label={t('organizer.form.tags')}
          hint={t('organizer.form.tagsHint')}
          error={errors.tags}
        >
          {(c) => (
            <input {...c} value={values.tags} onChange={(e) => set('tags', e.target.value)} />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('organizer.form.when')}</legend>
        <Field
          id={id('starts')}
          label={t('organizer.form.starts')}
          required
          error={errors.starts_at}
        >
          {(c) => (
            <input
              {...c}
              type="datetime-local"
              required
              value={values.startsAt}
              onChange={(e) => set('startsAt', e.target.value)}
            />
          )}
        </Field>
        <Field id={id('ends')} label={t('organizer.form.ends')} required error={errors.ends_at}>
          {(c) => (
            <input
              {...c}
              type="datetime-local"
              required
              min={values.startsAt || undefined}
              value={values.endsAt}
              onChange={(e) => set('endsAt', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={id('timezone')}
          label={t('organizer.form.timezone')}
          hint={t('organizer.form.timezoneHint')}
          error={errors.timezone}
        >
          {(c) => (
            <TimeZoneSelect {...c} value={values.timezone} onChange={(z) => set('timezone', z)} />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('organizer.form.where')}</legend>
        <Field
          id={id('country')}
          label={t('organizer.form.country')}
          required
          hint={t('organizer.form.countryHint')}
          error={errors['location.country']}
        >
          {(c) => (
            <CountrySelect
              {...c}
              required
              value={values.country}
              onChange={(code) => set('country', code)}
              unknownMessage={t('organizer.form.countryUnknown')}
            />
          )}
        </Field>
        <Field
          id={id('city')}
          label={t('organizer.form.city')}
          required
          error={errors['location.city']}
        >
          {(c) => (
            <input
              {...c}
              required
              value={values.city}
              onChange={(e) => set('city', e.target.value)}
            />
          )}
        </Field>
        <Field id={id('venue')} label={t('organizer.form.venue')} error={errors['location.venue']}>
          {(c) => (
            <input {...c} value={values.venue} onChange={(e) => set('venue', e.target.value)} />
          )}
        </Field>
        <Field
          id={id('online')}
          label={t('organizer.form.online')}
          error={errors['location.online_url']}
        >
          {(c) => (
            <input
              {...c}
              type="url"
              placeholder="https://"
              value={values.onlineUrl}
              onChange={(e) => set('onlineUrl', e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('organizer.form.seats')}</legend>
        <Field
          id={id('capacity')}
          label={t('organizer.form.capacity')}
          required
          error={errors.capacity}
        >
          {(c) => (
            <input
              {...c}
              type="number"
              inputMode="numeric"
              required
              min={1}
              step={1}
              value={values.capacity}
              onChange={(e) => set('capacity', e.target.value)}
            />
          )}
        </Field>
        <div className="check">
          <input
            id={id('waitlist')}
            type="checkbox"
            checked={values.waitlistEnabled}
            onChange={(e) => set('waitlistEnabled', e.target.checked)}
          />
          <label htmlFor={id('waitlist')}>{t('organizer.form.waitlist')}</label>
        </div>
        {mode === 'create' ? (
          <div className="check">
            <input
              id={id('publish')}
              type="checkbox"
              checked={values.publish}
              onChange={(e) => set('publish', e.target.checked)}
            />
            <label htmlFor={id('publish')}>{t('organizer.form.publish')}</label>
          </div>
        ) : null}
      </fieldset>
      {renderExtra ? renderExtra(values) : null}

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('organizer.form.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
