import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Shared steps for the specs. They run against a live backend that serves the built UI
// (E2E_BASE_URL); the harness creates an admin account first and passes its credentials in
// E2E_ADMIN_EMAIL / E2E_ADMIN_PASSWORD.

export const PHONE = { width: 390, height: 844 };

export const shot = (name: string) =>
  fileURLToPath(new URL(`./screenshots/${name}`, import.meta.url));

export interface Credentials {
  email: string;
  password: string;
}

export function adminCredentials(): Credentials {
  const email = process.env.E2E_ADMIN_EMAIL;
  const password = process.env.E2E_ADMIN_PASSWORD;
  if (!email || !password) {
    throw new Error('Set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD to an admin account on the server');
  }
  return { email, password };
}

/** `YYYY-MM-DD` a week from now (UTC), so the event is upcoming and open. */
export function nextWeek(): string {
  return new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
}

export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Logs in from whatever page is open, through the header's "Log in" link. */
export async function logIn(page: Page, { email, password }: Credentials, prefilled = false) {
  if (!prefilled) {
    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await page.getByLabel('Email', { exact: true }).fill(email);
  }
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Searches the list for an event's title; returns its (single) card. */
export async function findEventCard(page: Page, title: string) {
  await mainNav(page).getByRole('link', { name: 'Events' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(title);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const card = page.getByTestId('event-card').filter({ hasText: title });
  await expect(card).toHaveCount(1);
  return card;
}

/** Finds an event through the list's search and opens its page. */
export async function openEvent(page: Page, title: string) {
  const card = await findEventCard(page, title);
  await card.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Creates a published event through the API as the admin; returns its id. */
export async function createEventAsAdmin(
  request: APIRequestContext,
  input: { title: string; capacity: number },
): Promise<string> {
  const { email, password } = adminCredentials();
  const token = await request.post('/api/auth/token', {
    form: { username: email, password },
  });
  expect(token.status(), await token.text()).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const day = nextWeek();
  const created = await request.post('/api/events', {
    headers: { Authorization: `Bearer ${access_token}` },
    data: {
      title: input.title,
      description: 'Created by the e2e spec.',
      category: 'social',
      tags: ['e2e'],
      starts_at: `${day}T18:00:00+00:00`,
      ends_at: `${day}T20:00:00+00:00`,
      timezone: 'UTC',
      location: { country: 'GB', city: 'Leeds', venue: 'Corn Exchange' },
      capacity: input.capacity,
      waitlist_enabled: true,
      publish: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}
