import { useState, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { CATEGORIES } from '@/types/api';
import { categoryLabel } from './format';
import { filterErrors, NO_FILTERS, type FilterErrors, type OverviewFilterValues } from './filters';

export interface OrganizerOption {
  id: string;
  name: string;
}

interface OverviewFilterFormProps {
  values: OverviewFilterValues;
  onApply: (values: OverviewFilterValues) => void;
  /** Admins and analysts; an organizer's dashboard is their own events. */
  mayPickOrganizer: boolean;
  /** Suggestions for the organizer field, where the account may list them (admins). */
  organizers?: readonly OrganizerOption[];
}

export function OverviewFilterForm(props: OverviewFilterFormProps) {
  const { values, onApply, mayPickOrganizer, organizers = [] } = props;
  const [draft, setDraft] = useState(values);
  const [prev, setPrev] = useState(values);
  const [errors, setErrors] = useState<FilterErrors>({});
  // The URL is the truth (back button, a shared link): show what it says.
  if (prev !== values) {
    setPrev(values);
    setDraft(values);
    setErrors({});
  }

  const set = <K extends keyof OverviewFilterValues>(key: K, value: OverviewFilterValues[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = filterErrors(draft);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`af-${first}`)?.focus();
      return;
    }
    onApply({ ...draft, country: draft.country.trim().toUpperCase() });
  };

  return (
    <form
      className="filters analytics-filters"
      aria-label="Filter the analytics"
      onSubmit={submit}
      noValidate
    >
      <div className="analytics-filters__grid">
        <fieldset className="analytics-filters__dates">
          <legend>Events starting (dates in UTC)</legend>
          <Field id="af-from" label="From" error={errors.from}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={draft.from}
                onChange={(e) => set('from', e.target.value)}
              />
            )}
          </Field>
          <Field id="af-to" label="To" error={errors.to}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={draft.to}
                min={draft.from || undefined}
                onChange={(e) => set('to', e.target.value)}
              />
            )}
          </Field>
        </fieldset>
        <Field id="af-category" label="Category" error={errors.category}>
          {(control) => (
            <select
              {...control}
              value={draft.category}
              onChange={(e) => set('category', e.target.value as OverviewFilterValues['category'])}
            >
              <option value="">Any category</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="af-country" label="Country code" error={errors.country}>
          {(control) => (
            <input
              {...control}
              value={draft.country}
              maxLength={2}
              placeholder="e.g. GB"
              autoCapitalize="characters"
              autoComplete="off"
              onChange={(e) => set('country', e.target.value.toUpperCase())}
            />
          )}
        </Field>
        {mayPickOrganizer ? (
          <div className="analytics-filters__wide">
            <Field
              id="af-organizerId"
              label="Organizer"
              error={errors.organizerId}
              hint={organizers.length > 0 ? 'Pick a name or paste an account id.' : 'Account id.'}
            >
              {(control) => (
                <>
                  <input
                    {...control}
                    value={draft.organizerId}
                    maxLength={36}
                    autoComplete="off"
                    spellCheck={false}
                    list={organizers.length > 0 ? 'af-organizers' : undefined}
                    onChange={(e) => set('organizerId', e.target.value.trim())}
                  />
                  {organizers.length > 0 ? (
                    <datalist id="af-organizers">
                      {organizers.map((o) => (
                        <option key={o.id} value={o.id} label={o.name} />
                      ))}
                    </datalist>
                  ) : null}
                </>
              )}
            </Field>
          </div>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            setErrors({});
            onApply(NO_FILTERS);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
