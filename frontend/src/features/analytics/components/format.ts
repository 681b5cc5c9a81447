// How the dashboard writes its figures. The API answers rates as fractions (0..1) and null where
// a rate has no denominator (nobody confirmed, nobody waitlisted, the event has not ended): null
// is shown as a dash, never as 0%, which would claim something the data does not say.

/** What a missing figure reads as, in cards and tables alike. */
export const NO_VALUE = '—';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-GB');

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** 0.625 -> "62.5%"; null -> "—". */
export function formatRate(rate: number | null | undefined): string {
  return isNumber(rate) ? percent.format(rate) : NO_VALUE;
}

/** A rate as the charts plot it: 0..100 with one decimal, or null (no bar, no point). */
export function ratePercent(rate: number | null | undefined): number | null {
  return isNumber(rate) ? Math.round(rate * 1000) / 10 : null;
}

/** 12345 -> "12,345". */
export function formatCount(value: number | null | undefined): string {
  return isNumber(value) ? count.format(value) : NO_VALUE;
}

/** An average rating: "4.3" (one decimal) or "—" when nobody rated. */
export function formatRating(average: number | null | undefined): string {
  return isNumber(average) ? average.toFixed(1) : NO_VALUE;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short' });

/**
 * "2027-03" -> "Mar 2027" (`short`: "Mar ’27" for a narrow axis; never "Mar 27", which reads as
 * a day). A calendar month is a label, not an instant: formatted in UTC, it never shifts with
 * the browser's zone.
 */
export function formatMonth(month: string, short = false): string {
  const match = MONTH_RE.exec(month);
  if (!match) return month;
  const name = monthName.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return short ? `${name} ’${month.slice(2, 4)}` : `${name} ${match[1] ?? ''}`;
}

/** "2027-03-05" (a date in the event's zone) -> "Fri 5 Mar" (`withYear`: "Fri, 5 Mar 2027"). */
export function formatDay(day: string, withYear = false): string {
  const match = DAY_RE.exec(day);
  if (!match) return day;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: withYear ? 'numeric' : undefined,
  }).format(at);
}

/** "fundraiser" -> "Fundraiser". */
export function categoryLabel(category: string): string {
  return category ? category.charAt(0).toUpperCase() + category.slice(1) : NO_VALUE;
}

/** A long title cut for a chart axis (the table beside it has the whole title). */
export function shortLabel(text: string, max = 16): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
