import i18n from 'i18next';
import { initReactI18next, Trans, useTranslation } from 'react-i18next';
import { FALLBACK_LANGUAGE, LANGUAGES } from './languages';
import accountDe from './locales/account.de.json';
import accountEn from './locales/account.en.json';
import de from './locales/de.json';
import en from './locales/en.json';
import memberDe from './locales/member.de.json';
import memberEn from './locales/member.en.json';
import { currentSettings, subscribe } from './settings';

// The public and member screens' messages load with the app; the organizer's, door's, admin's
// and analytics' with their screens (./areas/*.ts).
export const resources = {
  en: { translation: { ...en, ...memberEn, ...accountEn } },
  de: { translation: { ...de, ...memberDe, ...accountDe } },
} as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: currentSettings().language,
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes already.
  initAsync: false,
});

// The language follows the display settings (profile or visitor choice); <html lang> from the
// start too, so screen readers and axe know the page is German before anything changes.
if (typeof document !== 'undefined') document.documentElement.lang = currentSettings().language;
subscribe(() => {
  const { language } = currentSettings();
  if (i18n.language !== language) void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

/** `t` for components; importing it from here guarantees the catalogues are loaded. */
export function useT() {
  return useTranslation().t;
}

export { i18n, Trans };
