import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDay,
  formatMonth,
  formatRate,
  formatRating,
  NO_VALUE,
  ratePercent,
  shortLabel,
} from './format';

const EN = 'en-GB';
const DE = 'de';
// Intl writes "62,5 %" with a no-break space.
const nbsp = (text: string) => text.replace(/ /g, '\u00a0');

describe('rates', () => {
  it('writes fractions as percentages with at most one decimal', () => {
    expect(formatRate(0.625, EN)).toBe('62.5%');
    expect(formatRate(2 / 3, EN)).toBe('66.7%');
    expect(formatRate(1, EN)).toBe('100%');
    expect(formatRate(0, EN)).toBe('0%');
  });
  it('writes them the German way in German', () => {
    expect(formatRate(0.625, DE)).toBe(nbsp('62,5 %'));
    expect(formatRate(1 / 3, DE)).toBe(nbsp('33,3 %'));
  });
  it('shows a dash, never 0%, where a rate has no denominator', () => {
    expect(formatRate(null, EN)).toBe(NO_VALUE);
    expect(formatRate(undefined, DE)).toBe(NO_VALUE);
    expect(formatRate(Number.NaN, EN)).toBe(NO_VALUE);
    expect(NO_VALUE).toBe('—');
  });
  it('plots rates as 0..100 and leaves null out of the chart', () => {
    expect(ratePercent(0.625)).toBe(62.5);
    expect(ratePercent(1 / 3)).toBe(33.3);
    expect(ratePercent(0)).toBe(0);
    expect(ratePercent(null)).toBeNull();
  });
});

describe('counts and ratings', () => {
  it('groups thousands as the language does', () => {
    expect(formatCount(12345, EN)).toBe('12,345');
    expect(formatCount(12345, DE)).toBe('12.345');
    expect(formatCount(0, EN)).toBe('0');
    expect(formatCount(null, DE)).toBe(NO_VALUE);
  });
  it('gives an average one decimal, or a dash without ratings', () => {
    expect(formatRating(4.25, EN)).toBe('4.3');
    expect(formatRating(5, EN)).toBe('5.0');
    expect(formatRating(4.25, DE)).toBe('4,3');
    expect(formatRating(null, EN)).toBe(NO_VALUE);
  });
});

describe('months and days', () => {
  it('names a month without moving it across a zone boundary', () => {
    expect(formatMonth('2027-03', EN)).toBe('Mar 2027');
    expect(formatMonth('2027-12', EN, true)).toBe('Dec ’27');
    expect(formatMonth('2027-01', EN)).toBe('Jan 2027');
    expect(formatMonth('not a month', EN)).toBe('not a month');
  });
  it('names months in German', () => {
    expect(formatMonth('2027-03', DE)).toBe('März 2027');
    expect(formatMonth('2027-03', DE, true)).toBe('Mär ’27');
  });
  it('names a local date as it is, whatever the browser zone', () => {
    expect(formatDay('2027-03-05', EN)).toBe('Fri 5 Mar');
    expect(formatDay('2027-03-05', EN, true)).toBe('Fri, 5 Mar 2027');
    expect(formatDay('2027-03-05', DE)).toBe('Fr., 5. März');
    expect(formatDay('2027-03-05', DE, true)).toBe('Fr., 5. März 2027');
    expect(formatDay('2027-3-5', EN)).toBe('2027-3-5');
  });
});

describe('labels', () => {
  it('shortens long titles for an axis, keeping short ones whole', () => {
    expect(shortLabel('Bike repair')).toBe('Bike repair');
    expect(shortLabel('Introduction to bicycle repair', 16)).toBe('Introduction to…');
    expect(Array.from(shortLabel('Café ☕ morning meetup for all', 10))).toHaveLength(10);
  });
});
