import { useMemo, useState } from 'react';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { browserTimeZone, timeZones, zoneOffsetMinutes } from '@/lib/datetime';
import type { ControlProps } from './Field';

interface TimeZoneSelectProps extends ControlProps {
  value: string;
  onChange: (zone: string) => void;
}

/** "UTC+1", "UTC+5:30", "UTC−3", "UTC". */
function utcOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** The zone's generic name in `locale` ("Mitteleuropäische Zeit"), or '' when Intl has none. */
function zoneName(zone: string, locale: string, now: number): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName');
    const name = part?.value ?? '';
    // Zones without a name come back as a bare offset ("GMT+03:00"): the offset says that already.
    return /^(GMT|UTC)([+\-−]|$)/.test(name) ? '' : name;
  } catch {
    return '';
  }
}

/** Every IANA zone, each labelled with its name in the person's language and its current offset. */
export function TimeZoneSelect({ value, onChange, ...control }: TimeZoneSelectProps) {
  const t = useT();
  const { locale } = useFormat();
  // The offsets and names as of the form's opening (summer or winter time).
  const [now] = useState(() => Date.now());
  const options = useMemo(() => {
    return timeZones(browserTimeZone(), value).map((zone) => {
      const readable = zone.replaceAll('_', ' ');
      const name = zoneName(zone, locale, now);
      const offset = utcOffset(zoneOffsetMinutes(now, zone));
      return {
        zone,
        label: name
          ? t('member.timeZone.option', { zone: readable, name, offset })
          : t('member.timeZone.optionNoName', { zone: readable, offset }),
      };
    });
  }, [value, locale, t, now]);
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map(({ zone, label }) => (
        <option key={zone} value={zone}>
          {label}
        </option>
      ))}
    </select>
  );
}
