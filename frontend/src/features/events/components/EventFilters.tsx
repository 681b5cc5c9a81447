import { useRef, useState, type SubmitEvent } from 'react';
import { Field } from '@/components/Field';
import { useT } from '@/i18n';
import { CATEGORIES, LIST_STATUSES, SORTS } from '@/types/api';
import {
  DEFAULT_FILTERS,
  hasPanelFilters,
  isReversedRange,
  PAGE_SIZES,
  type EventFilterValues,
} from './filters';

interface EventFiltersProps {
  values: EventFilterValues;
  onApply: (values: EventFilterValues) => void;
}

export function EventFilters({ values, onApply }: EventFiltersProps) {
  const t = useT();
  const [draft, setDraft] = useState(values);
  const [prev, setPrev] = useState(values);
  // A link that carries filters opens the panel, so what filters the list is visible.
  const [open, setOpen] = useState(() => hasPanelFilters(values));
  const [rangeError, setRangeError] = useState(false);
  const toRef = useRef<HTMLInputElement>(null);
  // When the URL changes (back button, paging), show what it says.
  if (prev !== values) {
    setPrev(values);
    setDraft(values);
    setRangeError(false);
    if (hasPanelFilters(values)) setOpen(true);
  }

  const set = <K extends keyof EventFilterValues>(key: K, value: EventFilterValues[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key === 'from' || key === 'to') setRangeError(false);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (isReversedRange(draft)) {
      // Refused here, not sent: the end of the range comes before its start.
      setRangeError(true);
      setOpen(true);
      toRef.current?.focus();
      return;
    }
    onApply({ ...draft, page: 1 });
  };
  const clear = () => {
    setDraft(DEFAULT_FILTERS);
    setRangeError(false);
    onApply(DEFAULT_FILTERS);
  };

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('events.filters.label')}
      onSubmit={submit}
    >
      <div className="filters__search">
        <label htmlFor="f-q">{t('events.filters.search')}</label>
        <input
          id="f-q"
          type="search"
          value={draft.q}
          placeholder={t('events.filters.searchPlaceholder')}
          onChange={(e) => set('q', e.target.value)}
        />
        <button type="submit" className="button button--primary">
          {t('events.filters.searchButton')}
        </button>
      </div>
      <details
        className="filters__more"
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
        data-testid="filters-panel"
      >
        <summary>{t('events.filters.more')}</summary>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="f-category">{t('events.filters.category')}</label>
            <select
              id="f-category"
              value={draft.category}
              onChange={(e) => set('category', e.target.value as EventFilterValues['category'])}
            >
              <option value="">{t('events.filters.anyCategory')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`events.category.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-country">{t('events.filters.country')}</label>
            <input
              id="f-country"
              value={draft.country}
              maxLength={2}
              pattern="[A-Za-z]{2}"
              placeholder={t('events.filters.countryPlaceholder')}
              autoCapitalize="characters"
              onChange={(e) => set('country', e.target.value.toUpperCase())}
            />
          </div>
          <div className="field">
            <label htmlFor="f-city">{t('events.filters.city')}</label>
            <input id="f-city" value={draft.city} onChange={(e) => set('city', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="f-from">{t('events.filters.from')}</label>
            <input
              id="f-from"
              type="date"
              value={draft.from}
              onChange={(e) => set('from', e.target.value)}
            />
          </div>
          <Field
            id="f-to"
            label={t('events.filters.to')}
            error={rangeError ? t('events.filters.reversedRange') : undefined}
          >
            {(control) => (
              <input
                {...control}
                ref={toRef}
                type="date"
                value={draft.to}
                onChange={(e) => set('to', e.target.value)}
              />
            )}
          </Field>
          <div className="field">
            <label htmlFor="f-status">{t('events.filters.when')}</label>
            <select
              id="f-status"
              value={draft.status}
              onChange={(e) => set('status', e.target.value as EventFilterValues['status'])}
            >
              {LIST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`events.filters.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-sort">{t('events.filters.sort')}</label>
            <select
              id="f-sort"
              value={draft.sort}
              onChange={(e) => set('sort', e.target.value as EventFilterValues['sort'])}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`events.filters.sorts.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-size">{t('events.filters.pageSize')}</label>
            <select
              id="f-size"
              value={draft.pageSize}
              onChange={(e) => set('pageSize', Number(e.target.value))}
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('events.filters.apply')}
          </button>
          <button type="button" className="button" onClick={clear}>
            {t('events.filters.clear')}
          </button>
        </div>
      </details>
    </form>
  );
}
