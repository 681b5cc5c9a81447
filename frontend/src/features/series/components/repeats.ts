// The "Repeats" part of the new-event form: its values, the RecurrenceIn they send, and a preview
// of the first occurrences. Dates are calendar dates in the event's own zone: the server keeps
// each occurrence at the same local time, so the preview only has to walk the calendar.
import type { RecurrenceIn, Weekday } from '../api/types';

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** The positions of "the Nth weekday of the month": 1st to 5th, and -1 (the last); the words
 * are the catalogue's (organizer.repeats.position.*). */
export const POSITIONS: readonly string[] = ['1', '2', '3', '4', '5', '-1'];

export type RepeatKind = 'none' | 'weekly' | 'monthly-day' | 'monthly-nth';

export interface RepeatValues {
  kind: RepeatKind;
  interval: string;
  weekdays: Weekday[];
  monthDay: string;
  setPosition: string;
  nthWeekday: Weekday;
  ends: 'count' | 'until';
  count: string;
  until: string;
}

export function emptyRepeats(): RepeatValues {
  return {
    kind: 'none',
    interval: '1',
    weekdays: [],
    monthDay: '1',
    setPosition: '1',
    nthWeekday: 'MO',
    ends: 'count',
    count: '6',
    until: '',
  };
}

/** The weekday of a local 'YYYY-MM-DD...' string. */
export function weekdayOf(local: string): Weekday {
  const day = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(day + 6) % 7] ?? 'MO';
}

/** The recurrence to send, or null when the event does not repeat. */
export function toRecurrence(values: RepeatValues, startsAt: string): RecurrenceIn | null {
  if (values.kind === 'none') return null;
  const end =
    values.ends === 'count' ? { count: Number(values.count) } : { until: values.until || null };
  const interval = Number(values.interval) || 1;
  if (values.kind === 'weekly') {
    const days = values.weekdays.length ? values.weekdays : [weekdayOf(startsAt)];
    return { freq: 'weekly', interval, by_weekday: days, ...end };
  }
  if (values.kind === 'monthly-day') {
    return { freq: 'monthly', interval, by_month_day: Number(values.monthDay), ...end };
  }
  return {
    freq: 'monthly',
    interval,
    by_weekday: [values.nthWeekday],
    by_set_position: Number(values.setPosition),
    ...end,
  };
}

const DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function* candidates(rule: RecurrenceIn, start: Date): Generator<Date> {
  const interval = rule.interval ?? 1;
  if (rule.freq === 'weekly') {
    const days = (rule.by_weekday ?? []).map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
    const monday = new Date(start.getTime() - ((start.getUTCDay() + 6) % 7) * DAY);
    for (let week = 0; week < 600; week += interval) {
      for (const day of days) yield new Date(monday.getTime() + (week * 7 + day) * DAY);
    }
    return;
  }
  for (let m = 0; m < 1300; m += interval) {
    const year = start.getUTCFullYear() + Math.floor((start.getUTCMonth() + m) / 12);
    const month = (start.getUTCMonth() + m) % 12;
    const length = daysInMonth(year, month);
    if (rule.by_month_day != null) {
      if (rule.by_month_day <= length) yield new Date(Date.UTC(year, month, rule.by_month_day));
      continue;
    }
    const weekday = WEEKDAYS.indexOf(rule.by_weekday?.[0] ?? 'MO');
    const matching: Date[] = [];
    for (let d = 1; d <= length; d++) {
      const date = new Date(Date.UTC(year, month, d));
      if ((date.getUTCDay() + 6) % 7 === weekday) matching.push(date);
    }
    const position = rule.by_set_position ?? 1;
    const found = position === -1 ? matching[matching.length - 1] : matching[position - 1];
    if (found) yield found;
  }
}

/** The first `limit` occurrences' local 'YYYY-MM-DDTHH:mm' in the event's zone. */
export function previewOccurrences(rule: RecurrenceIn, startsAt: string, limit = 5): string[] {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(startsAt)) return [];
  const start = new Date(`${startsAt.slice(0, 10)}T00:00:00Z`);
  const time = startsAt.slice(10, 16);
  const until = rule.until ? new Date(`${rule.until}T00:00:00Z`) : null;
  const count = Math.min(rule.count ?? 100, 100);
  const found: string[] = [];
  for (const date of candidates(rule, start)) {
    if (date < start) continue;
    if (until && date > until) break;
    found.push(`${date.toISOString().slice(0, 10)}${time}`);
    if (found.length >= Math.min(count, limit)) break;
  }
  return found;
}
