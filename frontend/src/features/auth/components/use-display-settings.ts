import { useEffect } from 'react';
import { pickLanguage } from '@/i18n/languages';
import { setSettings, settingsFor, visitorSettings } from '@/i18n/settings';
import { useAuth } from './use-auth';

/** Signed in, the UI follows the profile's language and zone; signed out, the visitor's. */
export function useDisplaySettingsSync(): void {
  const { user } = useAuth();
  const locale = user?.locale;
  const timezone = user?.timezone;
  useEffect(() => {
    if (locale === undefined) {
      setSettings(visitorSettings());
      return;
    }
    const zone = timezone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    setSettings(settingsFor(pickLanguage([locale]), zone));
  }, [locale, timezone]);
}
