import { expect, test } from '@playwright/test';
import {
  apiToken,
  createEventAsAdmin,
  logIn,
  nextWeek,
  PHONE,
  shot,
  signUpMember,
  openMenu,
} from './support';

// The UI speaks the person's language and shows times in their zone: a visitor picks Deutsch
// in the footer; a member whose profile says de + Asia/Tokyo sees German and Tokyo times (the
// browser itself is en-GB in Asia/Kolkata, see playwright.config.ts).

test('a visitor switches to Deutsch and the choice sticks', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Find an event' })).toBeVisible();
  await page.getByRole('contentinfo').getByLabel('Language').selectOption('de');
  await expect(page.getByRole('heading', { level: 1, name: 'Veranstaltung finden' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('button', { name: 'Suchen', exact: true })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Anmelden' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Veranstaltung finden' })).toBeVisible();
  await page.getByRole('contentinfo').getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Find an event' })).toBeVisible();
});

for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
  test(`a German member in Tokyo sees German and Tokyo times (${viewport.width}px)`, async ({
    page,
    request,
  }) => {
    const runId = `${Date.now()}`;
    const title = `E2E Tokyo ${runId}`;
    // Next week at 18:00 UTC: 03:00 the day after in Tokyo, 23:30 in the browser's Kolkata.
    const eventId = await createEventAsAdmin(request, { title, capacity: 3 });
    const member = await signUpMember(request, `Mitglied ${runId}`, `de-${runId}@example.org`);
    const token = await apiToken(request, member);
    const patched = await request.patch('/api/me', {
      headers: { Authorization: `Bearer ${token}` },
      data: { locale: 'de', timezone: 'Asia/Tokyo' },
    });
    expect(patched.status(), await patched.text()).toBe(200);

    await page.setViewportSize(viewport);
    await page.goto('/');
    await logIn(page, member);
    await openMenu(page);
    const nav = page.getByRole('navigation', { name: 'Hauptmenü' });
    await expect(nav.getByRole('link', { name: 'Meine Anmeldungen' })).toBeVisible();

    await page.goto(`/events/${eventId}`);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const starts = page.locator('dt', { hasText: 'Beginn' }).locator('xpath=following-sibling::dd');
    const tokyoDay = new Date(`${nextWeek()}T18:00:00Z`).toLocaleDateString('de', {
      timeZone: 'Asia/Tokyo',
      day: 'numeric',
    });
    await expect(starts.locator('time')).toContainText('03:00');
    await expect(starts.locator('time')).toContainText(`${tokyoDay}.`);
    await expect(starts).toContainText('Ortszeit der Veranstaltung');
    await expect(
      page.getByRole('button', { name: `Als Mitglied ${runId} anmelden` }),
    ).toBeVisible();
    await page.screenshot({ path: shot(`i18n-de-tokyo-${viewport.width}.png`), fullPage: true });
  });
}
