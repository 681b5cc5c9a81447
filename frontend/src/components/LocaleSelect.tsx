import { useMemo } from 'react';
import { useT } from '@/i18n';
import { LANGUAGES } from '@/i18n/languages';
import type { ControlProps } from './Field';

interface LocaleSelectProps extends ControlProps {
  value: string;
  onChange: (locale: string) => void;
}

/** Only languages with a translation; a saved value that is not one of them shows as English. */
export function LocaleSelect({ value, onChange, ...control }: LocaleSelectProps) {
  const t = useT();
  const options = useMemo(() => [...LANGUAGES], []);
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((tag) => (
        <option key={tag} value={tag} lang={tag}>
          {t(`languages.${tag}`)}
        </option>
      ))}
    </select>
  );
}
