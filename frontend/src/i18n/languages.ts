// Only languages with a full catalogue are offered; anything else falls back to English.
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

function base(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

export function isLanguage(tag: string | null | undefined): tag is Language {
  return (LANGUAGES as readonly string[]).includes(tag ?? '');
}

/** The first of `tags` (BCP 47, e.g. `de-AT`) that has a catalogue, else English. */
export function pickLanguage(tags: readonly (string | null | undefined)[]): Language {
  for (const tag of tags) {
    const lang = tag ? base(tag) : '';
    if (isLanguage(lang)) return lang;
  }
  return FALLBACK_LANGUAGE;
}

/**
 * The tag dates and numbers are formatted with: the browser's regional variant when it speaks
 * `language` (en-GB keeps 24-hour clocks and day-month order), else the language itself.
 */
export function formattingLocale(language: Language, browserTags: readonly string[]): string {
  return browserTags.find((tag) => base(tag) === language) ?? language;
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  const tags = (navigator.languages as readonly string[] | undefined) ?? [];
  return tags.length > 0 ? tags : [navigator.language];
}
