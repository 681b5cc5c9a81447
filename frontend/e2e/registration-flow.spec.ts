import { expect, test, type Page } from '@playwright/test';
import {
  adminCredentials,
  findEventCard,
  logIn,
  mainNav,
  nextWeek,
  openEvent,
  PHONE,
  shot,
  openMenu,
} from './support';

// The admin creates an event through the form; two guests (logged out, another browser
// context) register and the first cancels; the admin sees the promotion on the manage page.
// The browser is in Asia/Kolkata (see playwright.config.ts).

test.use({ viewport: PHONE });

async function registerGuest(page: Page, name: string, email: string) {
  await page.getByLabel('Your name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  // A full event offers its waitlist on the button itself, before submitting.
  await page.getByRole('button', { name: /^(Register|Join the waitlist)$/ }).click();
}

test('capacity 1: confirm, waitlist, cancel, and the waitlisted guest is promoted', async ({
  page,
  browser,
  baseURL,
  locale,
  timezoneId,
}) => {
  const runId = `${Date.now()}`;
  const title = `E2E Pottery Workshop ${runId}`;
  const day = nextWeek();

  // 1. The admin logs in and creates a published event with one seat and a waitlist.
  await page.goto('/');
  await expect(mainNav(page).getByRole('link', { name: 'Create event' })).toHaveCount(0);
  await logIn(page, adminCredentials());
  await expect(page.getByTestId('user-role')).toHaveText('Admin');
  await openMenu(page);
  await mainNav(page).getByRole('link', { name: 'Create event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create an event' })).toBeVisible();
  await expect(page.getByLabel('Organizer name')).toHaveCount(0);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page
    .getByLabel('Description', { exact: true })
    .fill('Hands-on wheel throwing for beginners.');
  await page.getByLabel('Category', { exact: true }).selectOption('workshop');
  await page.getByLabel('Tags', { exact: true }).fill('clay, e2e');
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

  // 2. A guest, in a fresh logged-out browser, finds it by searching for its title.
  const guestContext = await browser.newContext({
    baseURL,
    locale,
    timezoneId,
    viewport: PHONE,
  });
  const guest = await guestContext.newPage();
  // Logged out, the organizer pages send you to log in first.
  await guest.goto('/organize/new');
  await expect(guest).toHaveURL(/\/login\?next=%2Forganize%2Fnew$/);
  await expect(guest.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();

  const card = await findEventCard(guest, title);
  await expect(card).toContainText('London, GB');
  await expect(card).toContainText('1 of 1 seat left');
  // 10:00 UTC rendered in the browser's zone (Asia/Kolkata, +05:30).
  await expect(card).toContainText('15:30');
  await guest.screenshot({ path: shot('events-list-390.png'), fullPage: true });

  // 3. The first guest gets the seat.
  await card.getByRole('link', { name: title }).click();
  await expect(guest.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(guest.getByRole('link', { name: 'Manage this event' })).toHaveCount(0);
  await registerGuest(guest, 'Guest One', `guest-one-${runId}@example.org`);
  const result = guest.getByTestId('registration-result');
  await expect(result).toHaveAttribute('data-status', 'confirmed');
  await expect(guest.getByTestId('registration-status')).toHaveText('confirmed');
  await expect(guest.getByTestId('cancel-token')).not.toBeEmpty();
  await expect(guest.getByTestId('seats')).toContainText('Full · 1 seat');

  // 4. The second guest is waitlisted at position 1 (the button said so up front).
  await expect(guest.getByRole('button', { name: 'Join the waitlist', exact: true })).toBeVisible();
  await registerGuest(guest, 'Guest Two', `guest-two-${runId}@example.org`);
  await expect(result).toHaveAttribute('data-status', 'waitlisted');
  await expect(guest.getByTestId('registration-status')).toHaveText('waitlisted');
  await expect(guest.getByTestId('waitlist-position')).toHaveText('1');
  await expect(guest.getByTestId('waitlist')).toContainText('1 waiting');
  await expect(guest.getByTestId('my-registration')).toHaveCount(2);
  await guest.screenshot({ path: shot('event-detail-390.png'), fullPage: true });

  // 5. The first guest cancels with the token this browser stored.
  await guest.getByRole('button', { name: 'Cancel my registration for Guest One' }).click();
  // It asks first, naming the consequence.
  const confirm = guest.getByTestId('confirm-cancel');
  await expect(confirm).toContainText('next person on the waitlist');
  await confirm.getByRole('button', { name: 'Yes, cancel my place' }).click();
  await expect(guest.getByTestId('cancel-result')).toBeVisible();
  await expect(guest.getByTestId('my-registration')).toHaveCount(1);
  await expect(guest.getByTestId('my-registration')).toContainText('Guest Two');
  await guestContext.close();

  // 6. Back in the admin's browser, the manage page shows the waitlisted guest confirmed.
  await openEvent(page, title);
  await page.getByRole('link', { name: 'Manage this event' }).click();
  await expect(page.getByRole('tab', { name: 'Attendees' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const promoted = page.getByTestId('attendee-row').filter({ hasText: 'Guest Two' });
  // The guests' writes came from another browser, so this tab holds no position for them:
  // Refresh until the read model has the promotion.
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(promoted).toContainText('confirmed', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const first = page.getByTestId('attendee-row').filter({ hasText: 'Guest One' });
  if ((await first.count()) > 0) await expect(first).toContainText('cancelled');

  await page.getByRole('tab', { name: 'Waitlist' }).click();
  await expect(page.getByText('Nobody is waiting.')).toBeVisible();
});
