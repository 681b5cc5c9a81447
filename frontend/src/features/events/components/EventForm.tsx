import { useState, type ReactNode, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TimeZoneSelect } from '@/components/TimeZoneSelect';
import { fieldErrors } from '@/lib/api-client';
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

interface EventFormProps {
  mode: 'create' | 'edit';
  initial: EventFormValues;
  onSubmit: (values: EventFormValues) => void;
  pending: boolean;
  error: unknown;
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
  submitLabel,
  renderExtra,
}: EventFormProps) {
  const [values, setValues] = useState(initial);
  const errors = fieldErrors(error);
  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  const id = (name: string) => `${mode}-${name}`;

  return (
    <form className="form" onSubmit={submit} noValidate={false}>
      <ProblemAlert error={error} shownFields={SHOWN_FIELDS} />
      <fieldset>
        <legend>About the event</legend>
        <Field id={id('title')} label="Title" required error={errors.title}>
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
        <Field id={id('description')} label="Description" error={errors.description}>
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
        <Field id={id('category')} label="Category" required error={errors.category}>
          {(c) => (
            <select
              {...c}
              value={values.category}
              onChange={(e) => set('category', e.target.value as EventFormValues['category'])}
            >
              {CATEGORIES.map((cat) => (
                <option key={cat} value={cat}>
                  {CATEGORY_LABELS[cat]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('tags')} label="Tags" hint="Separate tags with commas" error={errors.tags}>
          {(c) => (
            <input {...c} value={values.tags} onChange={(e) => set('tags', e.target.value)} />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>When</legend>
        <Field id={id('starts')} label="Starts" required error={errors.starts_at}>
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
        <Field id={id('ends')} label="Ends" required error={errors.ends_at}>
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
          label="Time zone"
          hint="Start and end are read as clock times in this zone"
          error={errors.timezone}
        >
          {(c) => (
            <TimeZoneSelect {...c} value={values.timezone} onChange={(z) => set('timezone', z)} />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Where</legend>
        <Field
          id={id('country')}
          label="Country code"
          required
          hint="Two letters, e.g. GB, IN, US"
          error={errors['location.country']}
        >
          {(c) => (
            <input
              {...c}
              required
              maxLength={LIMITS.countryCode}
              pattern="[A-Za-z]{2}"
              autoCapitalize="characters"
              value={values.country}
              onChange={(e) => set('country', e.target.value.toUpperCase())}
            />
          )}
        </Field>
        <Field id={id('city')} label="City" required error={errors['location.city']}>
          {(c) => (
            <input
              {...c}
              required
              value={values.city}
              onChange={(e) => set('city', e.target.value)}
            />
          )}
        </Field>
        <Field id={id('venue')} label="Venue" error={errors['location.venue']}>
          {(c) => (
            <input {...c} value={values.venue} onChange={(e) => set('venue', e.target.value)} />
          )}
        </Field>
        <Field id={id('online')} label="Online link" error={errors['location.online_url']}>
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
        <legend>Seats</legend>
        <Field id={id('capacity')} label="Capacity" required error={errors.capacity}>
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
          <label htmlFor={id('waitlist')}>Open a waitlist when the event is full</label>
        </div>
        {mode === 'create' ? (
          <div className="check">
            <input
              id={id('publish')}
              type="checkbox"
              checked={values.publish}
              onChange={(e) => set('publish', e.target.checked)}
            />
            <label htmlFor={id('publish')}>Publish now (otherwise save as a draft)</label>
          </div>
        ) : null}
      </fieldset>
      {renderExtra ? renderExtra(values) : null}

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
