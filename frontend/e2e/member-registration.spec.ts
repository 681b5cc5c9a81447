import { expect, test } from '@playwright/test';
import { createEventAsAdmin, mainNav, openEvent, PHONE, shot, openMenu } from './support';

// A visitor signs up (which logs them in), registers for an event as themselves (no name or email form),
// finds it under "My registrations" and cancels it there.

test.use({ viewport: PHONE });

test('a new member signs up, registers as themselves and cancels from My registrations', async ({
  page,
  request,
}) => {
  const runId = `${Date.now()}`;
  const title = `E2E Member Meetup ${runId}`;
  const name = `Member ${runId}`;
  const email = `member-${runId}@example.org`;
  const password = 'correct horse battery staple';
  await createEventAsAdmin(request, { title, capacity: 5 });

  // 1. Sign up; the client points out a too-short password before asking the server.
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  const passwordField = page.getByLabel('Password', { exact: true });
  await expect(passwordField).toHaveAttribute('aria-invalid', 'true');
  await expect(passwordField).toBeFocused();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await passwordField.fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();

  // 2. Signing up logs in: back on the home page, welcomed, with a word on the verification email.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('welcome')).toContainText(email);
  await expect(page.getByTestId('user-name')).toHaveText(name);
  await expect(page.getByTestId('user-role')).toHaveText('Member');
  await expect(mainNav(page).getByRole('link', { name: 'Create event' })).toHaveCount(0);

  // 3. Register as themselves: one button, no name or email.
  await openEvent(page, title);
  await expect(page.getByLabel('Your name')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Manage this event' })).toHaveCount(0);
  await page.getByRole('button', { name: `Register as ${name}` }).click();
  await expect(page.getByTestId('registration-result')).toHaveAttribute('data-status', 'confirmed');
  await expect(page.getByTestId('member-registration')).toHaveAttribute('data-status', 'confirmed');

  // 4. It is listed under My registrations, where it is cancelled.
  await openMenu(page);
  await mainNav(page).getByRole('link', { name: 'My registrations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My registrations' })).toBeVisible();
  const row = page.getByTestId('account-registration').filter({ hasText: title });
  await expect(row).toHaveAttribute('data-status', 'confirmed');
  await page.screenshot({ path: shot('my-registrations-390.png'), fullPage: true });
  await row.getByRole('button', { name: `Cancel my registration for ${title}` }).click();
  // It asks first, naming the consequence.
  await expect(row.getByTestId('confirm-cancel')).toContainText('next person on the waitlist');
  await row.getByRole('button', { name: 'Yes, cancel my place' }).click();
  await expect(page.getByTestId('cancel-result')).toBeVisible();
  // The list either keeps the row as cancelled or drops it; both mean the seat is given back.
  await expect(async () => {
    const count = await row.count();
    if (count > 0)
      await expect(row).toHaveAttribute('data-status', 'cancelled', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(row.getByRole('button')).toHaveCount(0);

  // 5. The event page offers registration again.
  await openEvent(page, title);
  await expect(page.getByRole('button', { name: `Register as ${name}` })).toBeVisible();
});
