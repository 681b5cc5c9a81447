import { describe, expect, it } from 'vitest';
import { emptyRepeats, previewOccurrences, toRecurrence, weekdayOf } from './repeats';

describe('repeats', () => {
  it('does not repeat by default', () => {
    expect(toRecurrence(emptyRepeats(), '2030-03-19T19:00')).toBeNull();
  });

  it('repeats weekly on the start weekday when none is ticked', () => {
    const rule = toRecurrence(
      { ...emptyRepeats(), kind: 'weekly', count: '3' },
      '2030-03-19T19:00',
    );
    expect(rule).toEqual({ freq: 'weekly', interval: 1, by_weekday: ['TU'], count: 3 });
    expect(weekdayOf('2030-03-19T19:00')).toBe('TU');
  });

  it('previews weekly occurrences at the same local time', () => {
    const rule = toRecurrence(
      { ...emptyRepeats(), kind: 'weekly', weekdays: ['TU', 'TH'], count: '4' },
      '2030-03-19T19:00',
    );
    expect(rule && previewOccurrences(rule, '2030-03-19T19:00')).toEqual([
      '2030-03-19T19:00',
      '2030-03-21T19:00',
      '2030-03-26T19:00',
      '2030-03-28T19:00',
    ]);
  });

  it('previews the last Friday of each month until a date', () => {
    const rule = toRecurrence(
      {
        ...emptyRepeats(),
        kind: 'monthly-nth',
        nthWeekday: 'FR',
        setPosition: '-1',
        ends: 'until',
        until: '2030-05-31',
      },
      '2030-03-29T18:00',
    );
    expect(rule && previewOccurrences(rule, '2030-03-29T18:00')).toEqual([
      '2030-03-29T18:00',
      '2030-04-26T18:00',
      '2030-05-31T18:00',
    ]);
  });

  it('honours the interval (every other month from January: March, May)', () => {
    const rule = toRecurrence(
      { ...emptyRepeats(), kind: 'monthly-day', monthDay: '31', interval: '2', count: '3' },
      '2030-01-31T10:00',
    );
    expect(rule && previewOccurrences(rule, '2030-01-31T10:00')).toEqual([
      '2030-01-31T10:00',
      '2030-03-31T10:00',
      '2030-05-31T10:00',
    ]);
  });
});
