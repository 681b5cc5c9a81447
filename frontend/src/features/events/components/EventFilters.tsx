import { useState, type SubmitEvent } from 'react';
import { CATEGORIES, LIST_STATUSES, SORTS } from '@/types/api';
import { CATEGORY_LABELS } from './event-status';
import { DEFAULT_FILTERS, PAGE_SIZES, type EventFilterValues } from './filters';

const STATUS_LABELS: Record<string, string> = {
  upcoming: 'Upcoming',
  past: 'Past',
  all: 'All',
};

const SORT_LABELS: Record<string, string> = {
  starts_at: 'Soonest first',
  '-starts_at': 'Latest first',
  popularity: 'Most popular',
  rating: 'Best rated',
};

interface EventFiltersProps {
  values: EventFilterValues;
  onApply: (values: EventFilterValues) => void;
}

export function EventFilters({ values, onApply }: EventFiltersProps) {
  const [draft, setDraft] = useState(values);
  const [prev, setPrev] = useState(values);
  // When the URL changes (back button, paging), show what it says.
  if (prev !== values) {
    setPrev(values);
    setDraft(values);
  }

  const set = <K extends keyof EventFilterValues>(key: K, value: EventFilterValues[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply({ ...draft, page: 1 });
  };

  return (
    <form className="filters" role="search" aria-label="Find events" onSubmit={submit}>
      <div className="filters__search">
        <label htmlFor="f-q">Search</label>
        <input
          id="f-q"
          type="search"
          value={draft.q}
          placeholder="Title, description or tag"
          onChange={(e) => set('q', e.target.value)}
        />
        <button type="submit" className="button button--primary">
          Search
        </button>
      </div>
      <details className="filters__more">
        <summary>Filters and sorting</summary>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="f-category">Category</label>
            <select
              id="f-category"
              value={draft.category}
              onChange={(e) => set('category', e.target.value as EventFilterValues['category'])}
            >
              <option value="">Any category</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-country">Country code</label>
            <input
              id="f-country"
              value={draft.country}
              maxLength={2}
              pattern="[A-Za-z]{2}"
              placeholder="e.g. GB"
              autoCapitalize="characters"
              onChange={(e) => set('country', e.target.value.toUpperCase())}
            />
          </div>
          <div className="field">
            <label htmlFor="f-city">City</label>
            <input id="f-city" value={draft.city} onChange={(e) => set('city', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="f-from">Starts from</label>
            <input
              id="f-from"
              type="date"
              value={draft.from}
              onChange={(e) => set('from', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="f-to">Starts until</label>
            <input
              id="f-to"
              type="date"
              value={draft.to}
              min={draft.from || undefined}
              onChange={(e) => set('to', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="f-status">When</label>
            <select
              id="f-status"
              value={draft.status}
              onChange={(e) => set('status', e.target.value as EventFilterValues['status'])}
            >
              {LIST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-sort">Sort by</label>
            <select
              id="f-sort"
              value={draft.sort}
              onChange={(e) => set('sort', e.target.value as EventFilterValues['sort'])}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-size">Per page</label>
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
            Apply filters
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(DEFAULT_FILTERS);
              onApply(DEFAULT_FILTERS);
            }}
          >
            Reset
          </button>
        </div>
      </details>
    </form>
  );
}
