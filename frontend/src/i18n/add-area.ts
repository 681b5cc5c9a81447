import { i18n } from './index';

type Catalogue = Record<string, unknown>;

/**
 * Adds an area's messages (`{ organizer: {...} }`) to both languages. The organizer's, door's,
 * admin's and analytics' messages load with their screens' chunk, so the home page does not
 * download them.
 */
export function addArea(catalogues: { en: Catalogue; de: Catalogue }) {
  i18n.addResourceBundle('en', 'translation', catalogues.en, true, true);
  i18n.addResourceBundle('de', 'translation', catalogues.de, true, true);
}
