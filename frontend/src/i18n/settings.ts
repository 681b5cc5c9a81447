// The language and zone the UI is shown in. Signed in: the profile's; otherwise the visitor's
// choice (kept in localStorage) or the browser's. A small store so plain helpers can read it too.
import { useSyncExternalStore } from 'react';
import {
  browserLanguages,
  formattingLocale,
  isLanguage,
  pickLanguage,
  type Language,
} from './languages';
import type { FormatSettings } from './format';

const STORAGE_KEY = 'eventconnect.language';

export interface DisplaySettings extends FormatSettings {
  language: Language;
}

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function storedVisitorLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeVisitorLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
}

/** What a visitor sees: their stored choice, else the browser's first supported language. */
export function visitorSettings(): DisplaySettings {
  const language = storedVisitorLanguage() ?? pickLanguage(browserLanguages());
  return settingsFor(language, browserZone());
}

export function settingsFor(language: Language, timeZone: string): DisplaySettings {
  return { language, timeZone, locale: formattingLocale(language, browserLanguages()) };
}

let current: DisplaySettings = visitorSettings();
const listeners = new Set<() => void>();

export function currentSettings(): DisplaySettings {
  return current;
}

export function setSettings(next: DisplaySettings): void {
  if (
    next.language === current.language &&
    next.timeZone === current.timeZone &&
    next.locale === current.locale
  ) {
    return;
  }
  current = next;
  listeners.forEach((listener) => listener());
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDisplaySettings(): DisplaySettings {
  return useSyncExternalStore(subscribe, currentSettings, currentSettings);
}
