import { renderToStaticMarkup } from 'react-dom/server';
import '@/i18n/areas/organizer';
import { afterEach, describe, expect, it } from 'vitest';
import { setSettings, settingsFor, visitorSettings } from '@/i18n/settings';
import { AsOfPicker } from './AsOfPicker';

afterEach(() => {
  setSettings(visitorSettings());
});

describe('AsOfPicker', () => {
  it("reads the instant in the zone the page shows times in (the profile's), not the browser's", () => {
    setSettings(settingsFor('en', 'Asia/Tokyo'));
    const html = renderToStaticMarkup(
      <AsOfPicker id="as-of" value={undefined} onChange={() => {}} />,
    );
    expect(html).toContain('Asia/Tokyo');
  });
});
