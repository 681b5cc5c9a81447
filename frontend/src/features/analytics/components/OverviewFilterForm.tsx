import { useState, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import { CATEGORIES } from '@/types/api';
import { useAnalyticsFormat } from './analytics-format';
import {
  filterErrors,
  isReversedRange,
  NO_FILTERS,
  SERVER_FIELD,
  type FilterErrors,
  type FilterField,
  type OverviewFilterValues,
} from './filters';

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
  /** The overview's failed load: its field errors are shown next to the fields. */
  serverError?: unknown;
}

export function OverviewFilterForm(props: OverviewFilterFormProps) {
  const { values, onApply, mayPickOrganizer, organizers = [], serverError = null } = props;
  const t = useT();
  const f = useAnalyticsFormat();
  const server = useServerErrors(serverError);
  const [rangeSeen, setRangeSeen] = useState<unknown>(null);
  const [draft, setDraft] = useState(values);
  const [prev, setPrev] = useState(values);
  const [errors, setErrors] = useState<FilterErrors>({});
  // The URL is the truth (back button, a shared link): show what it says.
  if (prev !== values) {
    setPrev(values);
    setDraft(values);
    setErrors({});
  }

  const set = <K extends FilterField>(key: K, value: OverviewFilterValues[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // A changed value's old complaint goes (a new date may also mend the range).
    const mended: FilterField[] = key === 'from' || key === 'to' ? ['from', 'to'] : [key];
    setErrors((e) =>
      Object.fromEntries(
        Object.entries(e).filter(([field]) => !mended.includes(field as FilterField)),
      ),
    );
    server.clear(SERVER_FIELD[key]);
    if (key === 'from' || key === 'to') setRangeSeen(serverError);
  };
  /** The field's message: the form's own check first, then what the server said. */
  const errorFor = (field: FilterField): string | undefined => {
    const problem = errors[field];
    if (problem) return t(`analytics.filters.errors.${problem}`);
    if (field === 'to' && isReversedRange(serverError) && rangeSeen !== serverError) {
      return t('analytics.filters.errors.reversed');
    }
    return server.errors[SERVER_FIELD[field]];
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
      aria-label={t('analytics.filters.label')}
      onSubmit={submit}
      noValidate
    >
      <div className="analytics-filters__grid">
        <fieldset className="analytics-filters__dates">
          <legend>{t('analytics.filters.dates')}</legend>
          <Field id="af-from" label={t('analytics.filters.from')} error={errorFor('from')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={draft.from}
                onChange={(e) => set('from', e.target.value)}
              />
            )}
          </Field>
          <Field id="af-to" label={t('analytics.filters.to')} error={errorFor('to')}>
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
        <Field
          id="af-category"
          label={t('analytics.filters.category')}
          error={errorFor('category')}
        >
          {(control) => (
            <select
              {...control}
              value={draft.category}
              onChange={(e) => set('category', e.target.value as OverviewFilterValues['category'])}
            >
              <option value="">{t('analytics.filters.anyCategory')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {f.category(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="af-country" label={t('analytics.filters.country')} error={errorFor('country')}>
          {(control) => (
            <input
              {...control}
              value={draft.country}
              maxLength={2}
              placeholder={t('analytics.filters.countryPlaceholder')}
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
              label={t('analytics.filters.organizer')}
              error={errorFor('organizerId')}
              hint={
                organizers.length > 0
                  ? t('analytics.filters.organizerHintNames')
                  : t('analytics.filters.organizerHint')
              }
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
          {t('analytics.filters.apply')}
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
          {t('analytics.filters.clear')}
        </button>
      </div>
    </form>
  );
}
