import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useT } from '@/i18n';
import { formatDateTimeIn } from '@/i18n/format';
import { useFormat } from '@/i18n/use-format';
import { formatCount, formatDay, formatMonth, formatRate, formatRating, NO_VALUE } from './format';

/** The dashboard's words and figures in one language: what the cards, tables and charts use. */
export interface AnalyticsFormat {
  t: TFunction;
  locale: string;
  count: (value: number | null | undefined) => string;
  rate: (rate: number | null | undefined) => string;
  rating: (average: number | null | undefined) => string;
  month: (month: string, short?: boolean) => string;
  day: (day: string, withYear?: boolean) => string;
  /** An instant in `zone` (the event's own, where the organizer thinks of the event). */
  dateTime: (iso: string, zone: string) => string;
  /** "workshop" -> "Workshop" / "Workshop"; unknown ones capitalised as they come. */
  category: (category: string) => string;
  status: (status: string) => string;
}

export function analyticsFormat(t: TFunction, locale: string): AnalyticsFormat {
  return {
    t,
    locale,
    count: (value) => formatCount(value, locale),
    rate: (rate) => formatRate(rate, locale),
    rating: (average) => formatRating(average, locale),
    month: (month, short) => formatMonth(month, locale, short),
    day: (day, withYear) => formatDay(day, locale, withYear),
    dateTime: (iso, zone) => formatDateTimeIn(iso, { locale, timeZone: zone }),
    category: (category) =>
      category
        ? t(`events.category.${category}`, {
            defaultValue: category.charAt(0).toUpperCase() + category.slice(1),
          })
        : NO_VALUE,
    status: (status) => t(`events.status.${status}`, { defaultValue: status }),
  };
}

/** `analyticsFormat` in the person's language (re-renders when it changes). */
export function useAnalyticsFormat(): AnalyticsFormat {
  const t = useT();
  const { locale } = useFormat();
  return useMemo(() => analyticsFormat(t, locale), [t, locale]);
}
