/** The browser's preferred language as a BCP 47 tag (e.g. `en-GB`). */
export function browserLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}
