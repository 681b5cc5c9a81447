import { useEffect, useMemo, useRef, useState } from 'react';
import { countryOptions, resolveCountry } from '@/lib/countries';
import { useFormat } from '@/i18n/use-format';
import type { ControlProps } from './Field';

interface CountrySelectProps extends ControlProps {
  /** The chosen ISO 3166-1 alpha-2 code, or '' for none. */
  value: string;
  /** Called with the code as soon as the text names a country, and with '' while it does not. */
  onChange: (code: string) => void;
  required?: boolean;
  /** For a native form post: a hidden input carries the code under this name. */
  name?: string;
  /** Shown by the browser when the text names no country (already translated). */
  unknownMessage: string;
}

/**
 * A searchable country picker: a text box with the country names of the person's language as
 * suggestions (a `<datalist>`, which phones show above the keyboard and screen readers announce
 * natively). Typing a name or a two-letter code picks the country; the form gets the code, the
 * box shows the name.
 */
export function CountrySelect({
  value,
  onChange,
  required,
  name,
  unknownMessage,
  ...control
}: CountrySelectProps) {
  const { language } = useFormat();
  const options = useMemo(() => countryOptions(language), [language]);
  // What the person is typing; `null` shows the chosen country's name (in the current language).
  const [typed, setTyped] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const chosenName = options.find((o) => o.code === value)?.name ?? value;
  const text = typed ?? chosenName;
  const unknown = text.trim() !== '' && resolveCountry(text, options) === null;

  useEffect(() => {
    inputRef.current?.setCustomValidity(unknown ? unknownMessage : '');
  }, [unknown, unknownMessage]);

  const listId = `${control.id}-options`;
  return (
    <>
      <input
        {...control}
        ref={inputRef}
        type="text"
        list={listId}
        autoComplete="country-name"
        spellCheck={false}
        required={required}
        value={text}
        onChange={(e) => {
          setTyped(e.target.value);
          onChange(resolveCountry(e.target.value, options) ?? '');
        }}
        onBlur={() => {
          // A recognised country shows its full name; an unknown text stays for correcting.
          if (typed !== null && resolveCountry(typed, options) !== null) setTyped(null);
        }}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.code} value={o.name} />
        ))}
      </datalist>
      {name ? <input type="hidden" name={name} value={value} /> : null}
    </>
  );
}
