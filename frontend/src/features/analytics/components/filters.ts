// The overview's filters live in the URL (`/analytics?category=social&from=2027-01-01`), so a view
// can be bookmarked, shared and reloaded; these functions are the one translation between the
// URL, the form and the API query, and they drop what the API would refuse as malformed.
import { CATEGORIES, type Category } from '@/types/api';
import { isApiError } from '@/lib/api-client';
import type { OverviewQuery } from '../api/get-overview';

export interface OverviewFilterValues {
  /** Event start dates, `YYYY-MM-DD`, both ends inclusive. */
  from: string;
  to: string;
  category: Category | '';
  /** ISO 3166 alpha-2, upper case. */
  country: string;
  /** An organizer's account id; admins and analysts only (an organizer sees their own). */
  organizerId: string;
}

export const NO_FILTERS: OverviewFilterValues = {
  from: '',
  to: '',
  category: '',
  country: '',
  organizerId: '',
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY_RE = /^[A-Z]{2}$/;
export const ACCOUNT_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  // 2027-02-30 matches the pattern but is no date; Date.UTC would roll it into March.
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function parseOverviewFilters(params: URLSearchParams): OverviewFilterValues {
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return isDate(value) ? value : '';
  };
  const category = params.get('category') ?? '';
  const country = (params.get('country') ?? '').trim().toUpperCase();
  const organizerId = (params.get('organizer_id') ?? '').trim().toLowerCase();
  return {
    from: date('from'),
    to: date('to'),
    category: isCategory(category) ? category : '',
    country: COUNTRY_RE.test(country) ? country : '',
    organizerId: ACCOUNT_ID_RE.test(organizerId) ? organizerId : '',
  };
}

/** Only the filters that are set go into the URL: a plain `/analytics` is everything. */
export function overviewFiltersToSearchParams(values: OverviewFilterValues): URLSearchParams {
  const out = new URLSearchParams();
  const put = (key: string, value: string) => {
    if (value.trim()) out.set(key, value.trim());
  };
  put('from', values.from);
  put('to', values.to);
  put('category', values.category);
  put('country', values.country.toUpperCase());
  put('organizer_id', values.organizerId.toLowerCase());
  return out;
}

/**
 * URL filters -> GET /api/analytics/overview parameters. `mayPickOrganizer` false (an organizer):
 * no organizer_id at all, as the server answers an organizer with their own events anyway.
 */
export function overviewFiltersToQuery(
  values: OverviewFilterValues,
  mayPickOrganizer: boolean,
): OverviewQuery {
  return {
    from: values.from || undefined,
    to: values.to || undefined,
    category: values.category || undefined,
    country: values.country || undefined,
    organizer_id: mayPickOrganizer && values.organizerId ? values.organizerId : undefined,
  };
}

/** Why the form refuses a value; the form words it (`analytics.filters.errors.<problem>`). */
export type FilterProblem = 'date' | 'reversed' | 'country' | 'organizerId';

export type FilterErrors = Partial<Record<keyof OverviewFilterValues, FilterProblem>>;

/** What the form refuses before asking the server, by field; empty when the values may go. */
export function filterErrors(values: OverviewFilterValues): FilterErrors {
  const errors: FilterErrors = {};
  if (values.from && !isDate(values.from)) errors.from = 'date';
  if (values.to && !isDate(values.to)) errors.to = 'date';
  // The API refuses it too (422 `invalid_date_range`); the form says so before sending.
  if (!errors.from && !errors.to && values.from && values.to && values.from > values.to) {
    errors.to = 'reversed';
  }
  if (values.country && !COUNTRY_RE.test(values.country.trim().toUpperCase())) {
    errors.country = 'country';
  }
  if (values.organizerId && !ACCOUNT_ID_RE.test(values.organizerId.trim())) {
    errors.organizerId = 'organizerId';
  }
  return errors;
}

/** How many filters are set, for the collapsed form's summary ("2 filters"). */
export function activeFilterCount(values: OverviewFilterValues): number {
  const set: string[] = [
    values.from,
    values.to,
    values.category,
    values.country,
    values.organizerId,
  ];
  return set.filter((v) => v.trim() !== '').length;
}

export type FilterField = keyof OverviewFilterValues;

/** Each field's name in the API's answers (`errors[].loc`), for its server error. */
export const SERVER_FIELD: Record<FilterField, string> = {
  from: 'from',
  to: 'to',
  category: 'category',
  country: 'country',
  organizerId: 'organizer_id',
};

/** The server errors the form shows next to its fields (ProblemAlert's `shownFields`). */
export const FILTER_SERVER_FIELDS: readonly string[] = Object.values(SERVER_FIELD);

/** A reversed range the server refused (a link with `from` after `to`): the form shows it. */
export const isReversedRange = (error: unknown) =>
  isApiError(error) && error.code === 'invalid_date_range';
