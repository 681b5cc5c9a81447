import { useMemo } from 'react';
import type { ControlProps } from './Field';

/** Languages the UI offers; the saved value is kept even when it is not one of these. */
const LOCALES = ['en', 'en-GB', 'en-US', 'en-IN', 'de', 'es', 'fr', 'hi', 'it', 'nl', 'pt', 'pl'];

function label(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

interface LocaleSelectProps extends ControlProps {
  value: string;
  onChange: (locale: string) => void;
}

export function LocaleSelect({ value, onChange, ...control }: LocaleSelectProps) {
  const options = useMemo(
    () => Array.from(new Set([...LOCALES, value].filter(Boolean))).sort(),
    [value],
  );
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((tag) => (
        <option key={tag} value={tag} lang={tag}>
          {label(tag)} ({tag})
        </option>
      ))}
    </select>
  );
}
