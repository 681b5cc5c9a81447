import { describe, expect, it } from 'vitest';
import {
  categoryLabel,
  formatCount,
  formatDay,
  formatMonth,
  formatRate,
  formatRating,
  NO_VALUE,
  ratePercent,
  shortLabel,
} from './format';

describe('rates', () => {
  it('writes fractions as percentages with at most one decimal', () => {
    expect(formatRate(0.625)).toBe('62.5%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
  });
  it('shows a dash, never 0%, where a rate has no denominator', () => {
    expect(formatRate(null)).toBe(NO_VALUE);
    expect(formatRate(undefined)).toBe(NO_VALUE);
    expect(formatRate(Number.NaN)).toBe(NO_VALUE);
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
  it('groups thousands', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe(NO_VALUE);
  });
  it('gives an average one decimal, or a dash without ratings', () => {
    expect(formatRating(4.25)).toBe('4.3');
    expect(formatRating(5)).toBe('5.0');
    expect(formatRating(null)).toBe(NO_VALUE);
  });
});

describe('months and days', () => {
  it('names a month without moving it across a zone boundary', () => {
    expect(formatMonth('2027-03')).toBe('Mar 2027');
    expect(formatMonth('2027-12', true)).toBe('Dec ’27');
    expect(formatMonth('2027-01')).toBe('Jan 2027');
    expect(formatMonth('not a month')).toBe('not a month');
  });
  it('names a local date as it is, whatever the browser zone', () => {
    expect(formatDay('2027-03-05')).toBe('Fri 5 Mar');
    expect(formatDay('2027-03-05', true)).toBe('Fri, 5 Mar 2027');
    expect(formatDay('2027-3-5')).toBe('2027-3-5');
  });
});

describe('labels', () => {
  it('capitalises a category', () => {
    expect(categoryLabel('fundraiser')).toBe('Fundraiser');
    expect(categoryLabel('')).toBe(NO_VALUE);
  });
  it('shortens long titles for an axis, keeping short ones whole', () => {
    expect(shortLabel('Bike repair')).toBe('Bike repair');
    expect(shortLabel('Introduction to bicycle repair', 16)).toBe('Introduction to…');
    expect(Array.from(shortLabel('Café ☕ morning meetup for all', 10))).toHaveLength(10);
  });
});
