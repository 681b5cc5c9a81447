// Display formatting on Intl only: every shown time is in the person's language and zone.

export interface FormatSettings {
  /** BCP 47 tag used by Intl (e.g. `de`, `en-GB`). */
  locale: string;
  /** IANA zone the person reads times in. */
  timeZone: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    cache.set(key, formatter);
  }
  return formatter;
}

/** "Sun, 31 Mar 2030, 19:00 CEST" / "So., 31. März 2030, 19:00 MESZ"; bad input comes back as is. */
export function formatDateTimeIn(iso: string, { locale, timeZone }: FormatSettings): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dateTimeFormat(locale, timeZone).format(ms);
}

// A formatter is costly to build and a list page formats several numbers per card: one per
// locale, like the date formatters above.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumberIn(value: number, locale: string): string {
  let formatter = numberFormats.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale);
    numberFormats.set(locale, formatter);
  }
  return formatter.format(value);
}
