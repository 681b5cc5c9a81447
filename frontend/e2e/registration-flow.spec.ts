import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

// Runs against a live backend that serves the built UI (E2E_BASE_URL, default
// http://127.0.0.1:8765). The browser is in Asia/Kolkata (see playwright.config.ts).

const shot = (name: string) => fileURLToPath(new URL(`./screenshots/${name}`, import.meta.url));

test.use({ viewport: { width: 390, height: 844 } });

async function registerGuest(page: Page, name: string, email: string) {
  await page.getByLabel('Your name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
}

test('capacity 1: confirm, waitlist, cancel, and the waitlisted guest is promoted', async ({
  page,
}) => {
  const runId = `${Date.now()}`;
  const title = `E2E Pottery Workshop ${runId}`;
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

  // 1. The organizer creates a published event with one seat and a waitlist.
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Create event' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create an event' })).toBeVisible();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page
    .getByLabel('Description', { exact: true })
    .fill('Hands-on wheel throwing for beginners.');
  await page.getByLabel('Category', { exact: true }).selectOption('workshop');
  await page.getByLabel('Tags', { exact: true }).fill('clay, e2e');
  await page.getByLabel('Organizer name', { exact: true }).fill('E2E Organizer');
  await page.getByLabel('Starts', { exact: true }).fill(`${day}T10:00`);
  await page.getByLabel('Ends', { exact: true }).fill(`${day}T12:00`);
  await page.getByLabel('Time zone', { exact: true }).selectOption('UTC');
  await page.getByLabel('Country code', { exact: true }).fill('GB');
  await page.getByLabel('City', { exact: true }).fill('London');
  await page.getByLabel('Venue', { exact: true }).fill('Community Hall');
  await page.getByLabel('Capacity', { exact: true }).fill('1');
  await expect(
    page.getByLabel('Open a waitlist when the event is full', { exact: true }),
  ).toBeChecked();
  await expect(page.getByLabel(/Publish now/)).toBeChecked();
  await page.getByRole('button', { name: 'Create event' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Manage: ${title}` })).toBeVisible();

  // 2. It shows up in the list when searching for its title.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Events' })
    .click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(title);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const card = page.getByTestId('event-card').filter({ hasText: title });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('London, GB');
  await expect(card).toContainText('1 / 1 left');
  // 10:00 UTC rendered in the browser's zone (Asia/Kolkata, +05:30).
  await expect(card).toContainText('15:30');
  await page.screenshot({ path: shot('events-list-390.png'), fullPage: true });

  // 3. The first guest gets the seat.
  await card.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await registerGuest(page, 'Guest One', `guest-one-${runId}@example.org`);
  const result = page.getByTestId('registration-result');
  await expect(result).toHaveAttribute('data-status', 'confirmed');
  await expect(page.getByTestId('registration-status')).toHaveText('confirmed');
  await expect(page.getByTestId('cancel-token')).not.toBeEmpty();
  await expect(page.getByTestId('seats')).toContainText('0 of 1 left');

  // 4. The second guest is waitlisted at position 1.
  await registerGuest(page, 'Guest Two', `guest-two-${runId}@example.org`);
  await expect(result).toHaveAttribute('data-status', 'waitlisted');
  await expect(page.getByTestId('registration-status')).toHaveText('waitlisted');
  await expect(page.getByTestId('waitlist-position')).toHaveText('1');
  await expect(page.getByTestId('waitlist')).toContainText('1 waiting');
  await expect(page.getByTestId('my-registration')).toHaveCount(2);
  await page.screenshot({ path: shot('event-detail-390.png'), fullPage: true });

  // 5. The first guest cancels with the token this browser stored.
  await page.getByRole('button', { name: 'Cancel my registration for Guest One' }).click();
  await expect(page.getByTestId('cancel-result')).toBeVisible();
  await expect(page.getByTestId('my-registration')).toHaveCount(1);
  await expect(page.getByTestId('my-registration')).toContainText('Guest Two');

  // 6. On the manage page the waitlisted guest is now confirmed.
  await page.getByRole('link', { name: 'Manage this event' }).click();
  await expect(page.getByRole('tab', { name: 'Attendees' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const promoted = page.getByTestId('attendee-row').filter({ hasText: 'Guest Two' });
  // Reads carry X-Consistent-With, so this should hold at once; Refresh covers a promotion that
  // the backend records in a later step than the cancellation.
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(promoted).toContainText('confirmed', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const first = page.getByTestId('attendee-row').filter({ hasText: 'Guest One' });
  if ((await first.count()) > 0) await expect(first).toContainText('cancelled');

  await page.getByRole('tab', { name: 'Waitlist' }).click();
  await expect(page.getByText('Nobody is waiting.')).toBeVisible();
});
