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

/**
 * Signed in on a phone, the navigation and the account corner sit behind the header's menu
 * button (one-row header): opens it when it is shown and closed. A no-op on a desktop.
 */
export async function openMenu(page: Page) {
  const button = page.getByTestId('menu-button');
  if (!(await button.isVisible())) return;
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

/** Logs in from whatever page is open, through the header's "Log in" link. */
export async function logIn(page: Page, { email, password }: Credentials, prefilled = false) {
  if (!prefilled) {
    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await page.getByLabel('Email', { exact: true }).fill(email);
  }
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  // On a phone the account corner is in the header's (closed) menu: present, not visible.
  await expect(page.getByTestId('user-menu')).toBeAttached();
}

/** Searches the list for an event's title; returns its (single) card. */
export async function findEventCard(page: Page, title: string) {
  await openMenu(page);
  await mainNav(page).getByRole('link', { name: 'Events', exact: true }).click();
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

/** A bearer token for `credentials`, through the OAuth2 password form. */
export async function apiToken(request: APIRequestContext, credentials: Credentials) {
  const token = await request.post('/api/auth/token', {
    form: { username: credentials.email, password: credentials.password },
  });
  expect(token.status(), await token.text()).toBe(200);
  return ((await token.json()) as { access_token: string }).access_token;
}

/** `2030-01-01T10:00:00+00:00`: an instant as the API takes it. */
const isoInstant = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, '+00:00');

/**
 * Creates a published event through the API as the admin; returns its id. It starts next week
 * at 18:00 UTC, or at `startsAt` (an event starting seconds from now is how a spec gets one
 * that has started: the API refuses a start in the past).
 */
export interface NewEvent {
  title: string;
  capacity: number;
  /** Default: next week at 18:00 UTC, for two hours. */
  startsAt?: Date;
  category?: string;
  timezone?: string;
  publish?: boolean;
}

/** Creates an event through the API as the holder of `accessToken`; returns its id. */
export async function createEventAs(
  request: APIRequestContext,
  accessToken: string,
  input: NewEvent,
): Promise<string> {
  const day = nextWeek();
  const starts = input.startsAt ? isoInstant(input.startsAt) : `${day}T18:00:00+00:00`;
  const ends = input.startsAt
    ? isoInstant(new Date(input.startsAt.getTime() + 2 * 3_600_000))
    : `${day}T20:00:00+00:00`;
  const created = await request.post('/api/events', {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: {
      title: input.title,
      description: 'Created by the e2e spec.',
      category: input.category ?? 'social',
      tags: ['e2e'],
      starts_at: starts,
      ends_at: ends,
      timezone: input.timezone ?? 'UTC',
      location: { country: 'GB', city: 'Leeds', venue: 'Corn Exchange' },
      capacity: input.capacity,
      waitlist_enabled: true,
      publish: input.publish ?? true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

export async function createEventAsAdmin(
  request: APIRequestContext,
  input: NewEvent,
): Promise<string> {
  return createEventAs(request, await apiToken(request, adminCredentials()), input);
}

/** Signs up a new account and has the admin make it an organizer; returns its credentials. */
export async function makeOrganizer(
  request: APIRequestContext,
  name: string,
  email: string,
): Promise<Credentials> {
  const organizer = await signUpMember(request, name, email);
  const token = await apiToken(request, organizer);
  const headers = (t: string) => ({ Authorization: `Bearer ${t}` });
  const me = (await (await request.get('/api/me', { headers: headers(token) })).json()) as {
    id: string;
  };
  const granted = await request.put(`/api/users/${me.id}/role`, {
    headers: headers(await apiToken(request, adminCredentials())),
    data: { role: 'organizer' },
  });
  expect(granted.status(), await granted.text()).toBe(200);
  return organizer;
}

/** Signs up a new member through the API; returns its credentials. */
export async function signUpMember(
  request: APIRequestContext,
  name: string,
  email: string,
): Promise<Credentials> {
  const password = 'correct horse battery staple';
  const made = await request.post('/api/auth/signup', { data: { name, email, password } });
  expect(made.status(), await made.text()).toBe(201);
  return { email, password };
}

/** Registers the member for the event through the API (a confirmed seat, given capacity). */
export async function registerMember(
  request: APIRequestContext,
  member: Credentials,
  eventId: string,
): Promise<void> {
  const accessToken = await apiToken(request, member);
  const made = await request.post(`/api/events/${eventId}/registrations`, {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: {},
  });
  expect(made.status(), await made.text()).toBe(201);
  expect(((await made.json()) as { status: string }).status).toBe('confirmed');
}
