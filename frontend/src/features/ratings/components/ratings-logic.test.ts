import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { distributionBars, formatAverage } from './distribution';
import { ratingWindow } from './rating-window';
import { nextStar, scoreWord, starLabel, tabStop } from './stars';

describe('star keyboard', () => {
  it('moves with the arrows and wraps around', () => {
    expect(nextStar('ArrowRight', 3)).toBe(4);
    expect(nextStar('ArrowUp', 3)).toBe(4);
    expect(nextStar('ArrowRight', 5)).toBe(1);
    expect(nextStar('ArrowLeft', 3)).toBe(2);
    expect(nextStar('ArrowDown', 3)).toBe(2);
    expect(nextStar('ArrowLeft', 1)).toBe(5);
  });
  it('starts from nothing chosen', () => {
    expect(nextStar('ArrowRight', null)).toBe(1);
    expect(nextStar('ArrowLeft', null)).toBe(5);
    expect(tabStop(null)).toBe(1);
    expect(tabStop(4)).toBe(4);
  });
  it('jumps with Home, End and digits', () => {
    expect(nextStar('Home', 4)).toBe(1);
    expect(nextStar('End', 2)).toBe(5);
    expect(nextStar('3', null)).toBe(3);
    expect(nextStar('5', 1)).toBe(5);
  });
  it('leaves other keys to the page', () => {
    for (const key of ['0', '6', '9', 'Tab', 'Enter', ' ', 'a', 'PageDown']) {
      expect(nextStar(key, 2)).toBeNull();
    }
  });
  it('names the stars', () => {
    const t = i18n.getFixedT('en');
    expect(starLabel(t, 1)).toBe('1 star');
    expect(starLabel(t, 4)).toBe('4 stars');
    expect(scoreWord(t, null)).toBe('Not rated');
    expect(scoreWord(t, 5)).toBe('Excellent');
    const de = i18n.getFixedT('de');
    expect(starLabel(de, 1)).toBe('1 Stern');
    expect(starLabel(de, 4)).toBe('4 Sterne');
    expect(scoreWord(de, 5)).toBe('Ausgezeichnet');
  });
});

describe('rating window', () => {
  const event = { starts_at: '2030-06-01T10:00:00+02:00', ends_at: '2030-06-01T12:00:00+02:00' };
  const at = (iso: string) => Date.parse(iso);
  it('opens at the start and closes 30 days after the end', () => {
    expect(ratingWindow(event, at('2030-06-01T07:59:59Z'))).toBe('not_open');
    expect(ratingWindow(event, at('2030-06-01T08:00:00Z'))).toBe('open');
    expect(ratingWindow(event, at('2030-07-01T10:00:00Z'))).toBe('open');
    expect(ratingWindow(event, at('2030-07-01T10:00:01Z'))).toBe('closed');
  });
  it('offers nothing for unreadable times', () => {
    expect(ratingWindow({ starts_at: 'soon', ends_at: 'later' }, 0)).toBe('closed');
  });
});

describe('distribution', () => {
  it('lists 5 stars first with shares of the total', () => {
    expect(distributionBars({ '1': 1, '3': 1, '5': 2 })).toEqual([
      { score: 5, count: 2, percent: 50 },
      { score: 4, count: 0, percent: 0 },
      { score: 3, count: 1, percent: 25 },
      { score: 2, count: 0, percent: 0 },
      { score: 1, count: 1, percent: 25 },
    ]);
  });
  it('is all zero without ratings or with junk', () => {
    const bars = distributionBars({ '2': -1, '4': Number.NaN });
    expect(bars.every((b) => b.count === 0 && b.percent === 0)).toBe(true);
  });
  it('formats the average', () => {
    expect(formatAverage(4.25)).toBe('4.3');
    expect(formatAverage(null)).toBeNull();
  });
});
