import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsFor, setSettings } from '@/i18n/settings';
import { COUNTRY_CODES, countryOptions, resolveCountry } from '@/lib/countries';
import { CountrySelect } from './CountrySelect';

const noop = () => undefined;

function render(language: 'en' | 'de', value: string): string {
  setSettings(settingsFor(language, 'UTC'));
  return renderToStaticMarkup(
    <form>
      <CountrySelect
        id="c"
        aria-invalid={undefined}
        aria-describedby={undefined}
        name="country"
        value={value}
        onChange={noop}
        unknownMessage="Choose a country from the list."
      />
    </form>,
  );
}

afterEach(() => setSettings(settingsFor('en', 'UTC')));

describe('CountrySelect', () => {
  it('names the countries in the person’s language and shows the chosen name, not the code', () => {
    const en = render('en', 'DE');
    expect(en).toContain('value="Germany"');
    expect(en).toContain('<option value="United Kingdom">');
    const de = render('de', 'DE');
    expect(de).toContain('value="Deutschland"');
    expect(de).toContain('<option value="Vereinigtes Königreich">');
    expect(de).not.toContain('<option value="Germany">');
  });

  it('submits the two-letter code with the form', () => {
    expect(render('de', 'AT')).toContain('<input type="hidden" name="country" value="AT"/>');
  });

  it('offers every code the server accepts, sorted by the language', () => {
    const de = countryOptions('de');
    expect(de).toHaveLength(COUNTRY_CODES.length);
    const names = de.map((o) => o.name);
    // German sorts Ä with A: Ägypten comes before Albanien, not after Z.
    expect(names.indexOf('Ägypten')).toBeLessThan(names.indexOf('Albanien'));
    expect(names).toEqual([...names].sort(new Intl.Collator('de').compare));
  });

  it('picks the code for a typed or chosen name, in either language, or a typed code', () => {
    const de = countryOptions('de');
    expect(resolveCountry('Deutschland', de)).toBe('DE');
    expect(resolveCountry('  österreich ', de)).toBe('AT');
    expect(resolveCountry('osterreich', de)).toBe('AT');
    expect(resolveCountry('Germany', de)).toBe('DE');
    expect(resolveCountry('gb', de)).toBe('GB');
    expect(resolveCountry('Indien', countryOptions('en'))).toBeNull();
    expect(resolveCountry('India', countryOptions('en'))).toBe('IN');
  });

  it('picks nothing for an unknown text or code', () => {
    const en = countryOptions('en');
    expect(resolveCountry('', en)).toBeNull();
    expect(resolveCountry('Atlantis', en)).toBeNull();
    expect(resolveCountry('XX', en)).toBeNull();
    expect(resolveCountry('Germ', en)).toBeNull();
  });
});
