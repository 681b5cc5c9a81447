// How the dashboard writes its figures, in the person's language (Intl only). The API answers
// rates as fractions (0..1) and null where a rate has no denominator (nobody confirmed, nobody
// waitlisted, the event has not ended): null is shown as a dash, never as 0%, which would claim
// something the data does not say.

/** What a missing figure reads as, in cards and tables alike. */
export const NO_VALUE = '—';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, kind: 'count' | 'percent' | 'rating'): Intl.NumberFormat {
  const key = `n|${kind}|${locale}`;
  let formatter = cache.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) {
    formatter = new Intl.NumberFormat(
      locale,
      kind === 'percent'
        ? { style: 'percent', maximumFractionDigits: 1 }
        : kind === 'rating'
          ? { minimumFractionDigits: 1, maximumFractionDigits: 1 }
          : {},
    );
    cache.set(key, formatter);
  }
  return formatter;
}

function dateFormat(locale: string, kind: 'month' | 'monthYear' | 'day' | 'dayYear') {
  const key = `d|${kind}|${locale}`;
  let formatter = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) {
    // Calendar months and days are labels, not instants: formatted in UTC, they never shift
    // with the browser's zone.
    const options: Intl.DateTimeFormatOptions =
      kind === 'month'
        ? { month: 'short' }
        : kind === 'monthYear'
          ? { month: 'short', year: 'numeric' }
          : {
              weekday: 'short',
              day: 'numeric',
              month: 'short',
              year: kind === 'dayYear' ? 'numeric' : undefined,
            };
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    cache.set(key, formatter);
  }
  return formatter;
}

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** 0.625 -> "62.5%" (en-GB) / "62,5 %" (de); null -> "—". */
export function formatRate(rate: number | null | undefined, locale: string): string {
  return isNumber(rate) ? numberFormat(locale, 'percent').format(rate) : NO_VALUE;
}

/** A rate as the charts plot it: 0..100 with one decimal, or null (no bar, no point). */
export function ratePercent(rate: number | null | undefined): number | null {
  return isNumber(rate) ? Math.round(rate * 1000) / 10 : null;
}

/** 12345 -> "12,345" (en-GB) / "12.345" (de). */
export function formatCount(value: number | null | undefined, locale: string): string {
  return isNumber(value) ? numberFormat(locale, 'count').format(value) : NO_VALUE;
}

/** An average rating: "4.3" / "4,3" (one decimal) or "—" when nobody rated. */
export function formatRating(average: number | null | undefined, locale: string): string {
  return isNumber(average) ? numberFormat(locale, 'rating').format(average) : NO_VALUE;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "2027-03" -> "Mar 2027" / "März 2027" (`short`: "Mar ’27" for a narrow axis; never "Mar 27",
 * which reads as a day).
 */
export function formatMonth(month: string, locale: string, short = false): string {
  const match = MONTH_RE.exec(month);
  if (!match) return month;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
  return short
    ? `${dateFormat(locale, 'month').format(at)} ’${month.slice(2, 4)}`
    : dateFormat(locale, 'monthYear').format(at);
}

/**
 * "2027-03-05" (a date in the event's zone) -> "Fri 5 Mar" / "Fr., 5. März" (`withYear`:
 * "Fri, 5 Mar 2027" / "Fr., 5. März 2027").
 */
export function formatDay(day: string, locale: string, withYear = false): string {
  const match = DAY_RE.exec(day);
  if (!match) return day;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dateFormat(locale, withYear ? 'dayYear' : 'day').format(at);
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
