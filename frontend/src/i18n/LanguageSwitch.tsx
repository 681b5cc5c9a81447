import { useId } from 'react';
import { useT } from './index';
import { isLanguage, LANGUAGES } from './languages';
import { setSettings, storeVisitorLanguage, useDisplaySettings, visitorSettings } from './settings';

/** A visitor's language choice, remembered in this browser (members use their profile). */
export function LanguageSwitch() {
  const t = useT();
  const id = useId();
  const { language } = useDisplaySettings();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('layout.language')}</label>{' '}
      <select
        id={id}
        value={language}
        onChange={(e) => {
          if (!isLanguage(e.target.value)) return;
          storeVisitorLanguage(e.target.value);
          setSettings(visitorSettings());
        }}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`languages.${lang}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
