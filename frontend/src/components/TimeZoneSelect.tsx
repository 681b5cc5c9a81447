import { useMemo } from 'react';
import { browserTimeZone, timeZones } from '@/lib/datetime';
import type { ControlProps } from './Field';

interface TimeZoneSelectProps extends ControlProps {
  value: string;
  onChange: (zone: string) => void;
}

export function TimeZoneSelect({ value, onChange, ...control }: TimeZoneSelectProps) {
  const zones = useMemo(() => timeZones(browserTimeZone(), value), [value]);
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
