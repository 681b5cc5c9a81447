import { expect, test } from '@playwright/test';
import {
  apiToken,
  createEventAs,
  createEventAsAdmin,
  makeOrganizer,
  registerMember,
  logIn,
  nextWeek,
  PHONE,
  shot,
  signUpMember,
  openMenu,
} from './support';

// The UI speaks the person's language and shows times in their zone: a visitor picks Deutsch
// in the footer; a member whose profile says de + Asia/Tokyo sees German and Tokyo times (the
// browser itself is en-GB in Asia/Kolkata, see playwright.config.ts); a German organizer reads
// the event's history (sentences the server words) in German.

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

test('a German organizer reads the event history in German', async ({ page, request }) => {
  const runId = `${Date.now()}`;
  const title = `E2E Verlauf ${runId}`;
  const organizer = await makeOrganizer(request, `Olga ${runId}`, `olga-${runId}@example.org`);
  const token = await apiToken(request, organizer);
  const patched = await request.patch('/api/me', {
    headers: { Authorization: `Bearer ${token}` },
    data: { locale: 'de', timezone: 'Europe/Berlin' },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  const eventId = await createEventAs(request, token, { title, capacity: 3 });
  const member = await signUpMember(request, `Mia ${runId}`, `mia-${runId}@example.org`);
  await registerMember(request, member, eventId);

  await page.setViewportSize(PHONE);
  await page.goto('/');
  await logIn(page, organizer);
  await page.goto(`/events/${eventId}/manage?tab=history`);
  // The sentences come from the server, asked for in the UI's language (Accept-Language: de).
  const history = page.getByTestId('history');
  await expect(history).toContainText(`Olga ${runId} hat „${title}“ mit 3 Plätzen angelegt`);
  await expect(history).toContainText(`Mia ${runId} hat sich angemeldet und einen Platz bekommen`);
  await page.screenshot({ path: shot('i18n-de-history-390.png'), fullPage: true });
});
