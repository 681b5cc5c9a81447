import { useMemo } from 'react';
import { formatDateTimeIn, formatNumberIn } from './format';
import { useDisplaySettings } from './settings';

/** Formatters bound to the person's language and zone (re-render when either changes). */
export function useFormat() {
  const settings = useDisplaySettings();
  return useMemo(
    () => ({
      ...settings,
      /** In the person's zone, or in `zone` (e.g. the event's own) when given. */
      dateTime: (iso: string, zone?: string) =>
        formatDateTimeIn(iso, { locale: settings.locale, timeZone: zone ?? settings.timeZone }),
      number: (value: number) => formatNumberIn(value, settings.locale),
    }),
    [settings],
  );
}
