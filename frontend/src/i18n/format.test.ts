import { describe, expect, it } from 'vitest';
import { formatDateTimeIn, formatNumberIn } from './format';
import { i18n } from './index';
import { formattingLocale, pickLanguage } from './languages';

const AT = '2030-03-31T17:00:00Z';

describe('formatDateTimeIn', () => {
  it('shows Berlin summer time in English and German', () => {
    const en = formatDateTimeIn(AT, { locale: 'en-GB', timeZone: 'Europe/Berlin' });
    const de = formatDateTimeIn(AT, { locale: 'de', timeZone: 'Europe/Berlin' });
    expect(en).toMatch(/Sun.*31 Mar 2030.*19:00/);
    expect(en).toContain('CEST');
    expect(de).toMatch(/So\..*31\. März 2030.*19:00/);
    expect(de).toContain('MESZ');
  });

  it('shows the same instant in Tokyo on the next day', () => {
    const en = formatDateTimeIn(AT, { locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    const de = formatDateTimeIn(AT, { locale: 'de', timeZone: 'Asia/Tokyo' });
    expect(en).toMatch(/Mon.*1 Apr 2030.*02:00/);
    expect(de).toMatch(/Mo\..*1\. Apr\. 2030.*02:00/);
  });

  it('returns text that is not an instant unchanged', () => {
    expect(formatDateTimeIn('soon', { locale: 'de', timeZone: 'UTC' })).toBe('soon');
  });
});

describe('numbers and plurals', () => {
  it('groups digits per language', () => {
    expect(formatNumberIn(12345.5, 'en')).toBe('12,345.5');
    expect(formatNumberIn(12345.5, 'de')).toBe('12.345,5');
  });

  it.each([
    ['en', 1, '1 event'],
    ['en', 2, '2 events'],
    ['de', 1, '1 Veranstaltung'],
    ['de', 1234, '1.234 Veranstaltungen'],
  ])('%s: %i -> %s', (lng, count, expected) => {
    const t = i18n.getFixedT(lng);
    expect(t('events.list.count', { count, formatted: formatNumberIn(count, lng) })).toBe(expected);
  });
});

describe('language choice', () => {
  it('takes the first translated language, else English', () => {
    expect(pickLanguage(['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage(['fr', 'es'])).toBe('en');
    expect(pickLanguage(['en-GB'])).toBe('en');
  });

  it('formats with the browser regional variant of the chosen language', () => {
    expect(formattingLocale('en', ['en-GB', 'de'])).toBe('en-GB');
    expect(formattingLocale('de', ['en-GB'])).toBe('de');
  });
});
