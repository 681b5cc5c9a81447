import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filterErrors,
  NO_FILTERS,
  overviewFiltersToQuery,
  overviewFiltersToSearchParams,
  parseOverviewFilters,
  type OverviewFilterValues,
} from './filters';

const ORGANIZER = '5b0b1c3f-0d5c-4d53-9a43-7f55a11f9a11';
const parse = (query: string) => parseOverviewFilters(new URLSearchParams(query));

describe('overview filters in the URL', () => {
  it('reads every filter', () => {
    expect(
      parse(`from=2027-01-01&to=2027-06-30&category=social&country=gb&organizer_id=${ORGANIZER}`),
    ).toEqual({
      from: '2027-01-01',
      to: '2027-06-30',
      category: 'social',
      country: 'GB',
      organizerId: ORGANIZER,
    });
  });

  it('drops what the API would refuse as malformed', () => {
    expect(parse('from=2027-02-30&to=tomorrow&category=party&country=GBR&organizer_id=42')).toEqual(
      NO_FILTERS,
    );
    expect(parse('')).toEqual(NO_FILTERS);
  });

  it('writes only the filters that are set, and reads them back unchanged', () => {
    const values: OverviewFilterValues = {
      ...NO_FILTERS,
      category: 'workshop',
      from: '2027-01-01',
      country: 'de',
    };
    const params = overviewFiltersToSearchParams(values);
    expect(params.toString()).toBe('from=2027-01-01&category=workshop&country=DE');
    expect(parseOverviewFilters(params)).toEqual({ ...values, country: 'DE' });
    expect(overviewFiltersToSearchParams(NO_FILTERS).toString()).toBe('');
  });
});

describe('overview filters as the API query', () => {
  const values: OverviewFilterValues = {
    from: '2027-01-01',
    to: '',
    category: 'social',
    country: 'GB',
    organizerId: ORGANIZER,
  };
  it('sends what is set under the API names', () => {
    expect(overviewFiltersToQuery(values, true)).toEqual({
      from: '2027-01-01',
      to: undefined,
      category: 'social',
      country: 'GB',
      organizer_id: ORGANIZER,
    });
  });
  it('never sends an organizer filter for an organizer (the server scopes them to their own)', () => {
    expect(overviewFiltersToQuery(values, false).organizer_id).toBeUndefined();
  });
  it('counts the active filters', () => {
    expect(activeFilterCount(values)).toBe(4);
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
  });
});

describe('the filter form', () => {
  it('accepts an empty or a sound form', () => {
    expect(filterErrors(NO_FILTERS)).toEqual({});
    expect(
      filterErrors({ ...NO_FILTERS, from: '2027-01-01', to: '2027-01-01', country: 'gb' }),
    ).toEqual({});
  });
  it('refuses an end before the start, a bad country and a bad organizer id', () => {
    const errors = filterErrors({
      from: '2027-02-01',
      to: '2027-01-31',
      category: '',
      country: 'G',
      organizerId: 'asha',
    });
    expect(Object.keys(errors).sort()).toEqual(['country', 'organizerId', 'to']);
    expect(errors).toEqual({ to: 'reversed', country: 'country', organizerId: 'organizerId' });
  });
});
