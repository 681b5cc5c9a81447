import { expect, test } from '@playwright/test';
import { adminCredentials, logIn, mainNav, nextWeek, PHONE, shot, openMenu } from './support';

// An organizer (the admin account) creates a weekly series in Europe/Berlin through the
// new-event form, sees the preview, lands on the series page and finds every occurrence at the
// same local time (the server keeps 19:00 local across daylight-saving changes). The browser
// is in another zone (playwright.config.ts), so the page must show the event's own zone.

test.use({ viewport: PHONE });

test('an organizer creates a weekly series and sees its occurrences at the same local time', async ({
  page,
}) => {
  const runId = `${Date.now()}`;
  const title = `E2E Weekly Meetup ${runId}`;
  const day = nextWeek();

  await page.goto('/');
  await logIn(page, adminCredentials());
  await openMenu(page);
  await mainNav(page).getByRole('link', { name: 'Create event' }).click();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Category', { exact: true }).selectOption('social');
  await page.getByLabel('Starts', { exact: true }).fill(`${day}T19:00`);
  await page.getByLabel('Ends', { exact: true }).fill(`${day}T21:00`);
  await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/Berlin');
  await page.getByLabel('Country code', { exact: true }).fill('DE');
  await page.getByLabel('City', { exact: true }).fill('Berlin');
  await page.getByLabel('Capacity', { exact: true }).fill('12');

  const repeats = page.getByRole('group', { name: 'Repeats' });
  await repeats.getByLabel('How often', { exact: true }).selectOption('weekly');
  await repeats.getByLabel('Number of occurrences', { exact: true }).fill('4');
  const preview = page.getByRole('region', { name: 'First occurrences' });
  await expect(preview.getByRole('listitem')).toHaveCount(4);
  await expect(preview).toContainText('Europe/Berlin');
  await page.screenshot({ path: shot('series-new-390.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create series' }).click();

  await expect(page).toHaveURL(/\/series\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const occurrences = page.getByTestId('occurrence');
  await expect(occurrences).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await expect(occurrences.nth(i)).toContainText(/19:00|7:00\s?PM/);
    await expect(occurrences.nth(i)).toContainText('12 of 12 seats left');
  }
  await page.screenshot({ path: shot('series-390.png'), fullPage: true });

  // An occurrence's page says it is part of the series and links back.
  await occurrences.nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('link', { name: 'see all its dates' }).click();
  await expect(page.getByTestId('occurrence')).toHaveCount(4);
});
