import { zonedLocalToIso } from '@/lib/datetime';
import {
  CATEGORIES,
  LIST_STATUSES,
  SORTS,
  type Category,
  type ListStatus,
  type Sort,
} from '@/types/api';
import type { EventsQuery } from '../api/get-events';

/** The list screen's filters as they live in the URL (dates are plain `YYYY-MM-DD`). */
export interface EventFilterValues {
  q: string;
  category: Category | '';
  country: string;
  city: string;
  from: string;
  to: string;
  status: ListStatus;
  sort: Sort;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50] as const;

export const DEFAULT_FILTERS: EventFilterValues = {
  q: '',
  category: '',
  country: '',
  city: '',
  from: '',
  to: '',
  status: 'upcoming',
  sort: 'starts_at',
  page: 1,
  pageSize: 20,
};

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.find((v) => v === value) ?? fallback;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function parseFilters(params: URLSearchParams): EventFilterValues {
  const page = Number(params.get('page'));
  const size = Number(params.get('page_size'));
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return DATE_RE.test(value) ? value : '';
  };
  return {
    q: params.get('q') ?? '',
    category: oneOf<Category | ''>(['', ...CATEGORIES], params.get('category'), ''),
    country: (params.get('country') ?? '').toUpperCase().slice(0, 2),
    city: params.get('city') ?? '',
    from: date('from'),
    to: date('to'),
    status: oneOf(LIST_STATUSES, params.get('status'), DEFAULT_FILTERS.status),
    sort: oneOf(SORTS, params.get('sort'), DEFAULT_FILTERS.sort),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(size) && size >= 1 && size <= 100 ? size : DEFAULT_FILTERS.pageSize,
  };
}

/** Whether the "Filters and sorting" panel has anything set (the search box is outside it). */
export function hasPanelFilters(values: EventFilterValues): boolean {
  return (
    values.category !== DEFAULT_FILTERS.category ||
    values.country.trim() !== '' ||
    values.city.trim() !== '' ||
    values.from !== '' ||
    values.to !== '' ||
    values.status !== DEFAULT_FILTERS.status ||
    values.sort !== DEFAULT_FILTERS.sort ||
    values.pageSize !== DEFAULT_FILTERS.pageSize
  );
}

/** A date range whose end is before its start: the form refuses it (`YYYY-MM-DD` compares). */
export function isReversedRange(values: Pick<EventFilterValues, 'from' | 'to'>): boolean {
  return values.from !== '' && values.to !== '' && values.to < values.from;
}

/** Only non-default values go into the URL, so a plain `/` is the default list. */
export function filtersToSearchParams(values: EventFilterValues): URLSearchParams {
  const out = new URLSearchParams();
  const put = (key: string, value: string | number, fallback: string | number) => {
    if (value !== '' && value !== fallback) out.set(key, String(value));
  };
  put('q', values.q.trim(), '');
  put('category', values.category, '');
  put('country', values.country.trim().toUpperCase(), '');
  put('city', values.city.trim(), '');
  put('from', values.from, '');
  put('to', values.to, '');
  put('status', values.status, DEFAULT_FILTERS.status);
  put('sort', values.sort, DEFAULT_FILTERS.sort);
  put('page', values.page, 1);
  put('page_size', values.pageSize, DEFAULT_FILTERS.pageSize);
  return out;
}

/** URL filters -> GET /api/events parameters; a date range covers whole days in `tz`. */
export function filtersToQuery(values: EventFilterValues, tz: string): EventsQuery {
  return {
    q: values.q.trim() || undefined,
    category: values.category || undefined,
    country: values.country || undefined,
    city: values.city.trim() || undefined,
    starts_from: values.from ? zonedLocalToIso(`${values.from}T00:00`, tz) : undefined,
    starts_to: values.to ? zonedLocalToIso(`${values.to}T23:59:59`, tz) : undefined,
    status: values.status,
    sort: values.sort,
    page: values.page,
    page_size: values.pageSize,
    tz,
  };
}
