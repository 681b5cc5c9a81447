import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { adminCredentials, apiToken, nextWeek, type Credentials } from './support';

// The data and steps screens.spec.ts uses: accounts of every role made for the run (so the spec
// may change their profile language freely), one organizer's event with confirmed seats, a
// waitlist, a guest and a checked-in member, and a weekly series.

export type Lang = 'en' | 'de';
export type Role = 'visitor' | 'member' | 'organizer' | 'admin' | 'analyst';

export interface Account extends Credentials {
  id: string;
}

export interface ScreensData {
  accounts: Record<Exclude<Role, 'visitor'>, Account>;
  eventId: string;
  seriesId: string;
  guest: { registrationId: string; token: string };
}

export const WIDE = { width: 1366, height: 900 };

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const PASSWORD = 'correct horse battery staple';

async function body<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function account(
  request: APIRequestContext,
  adminToken: string,
  name: string,
  email: string,
  role: 'member' | 'organizer' | 'analyst' | 'admin',
): Promise<Account> {
  const made = await body<{ id: string }>(
    await request.post('/api/auth/signup', { data: { name, email, password: PASSWORD } }),
    201,
  );
  if (role !== 'member') {
    await body(
      await request.put(`/api/users/${made.id}/role`, {
        headers: bearer(adminToken),
        data: { role },
      }),
      200,
    );
  }
  return { id: made.id, email, password: PASSWORD };
}

function eventInput(title: string, capacity: number) {
  const day = nextWeek();
  return {
    title,
    description: 'Created by the screens e2e spec: every screen, in both languages.',
    category: 'workshop',
    tags: ['e2e', 'screens'],
    starts_at: `${day}T18:00:00+00:00`,
    ends_at: `${day}T20:00:00+00:00`,
    timezone: 'Europe/Berlin',
    location: { country: 'DE', city: 'Berlin', venue: 'Kulturbrauerei' },
    capacity,
    waitlist_enabled: true,
    publish: true,
  };
}

export async function makeScreensData(
  request: APIRequestContext,
  runId: string,
): Promise<ScreensData> {
  const adminToken = await apiToken(request, adminCredentials());
  const email = (who: string) => `screens-${who}-${runId}@example.org`;
  // Three sign-ups only: the server allows 20 an hour from one address and the other specs use
  // most of them. The admin screens use the harness's admin (its language is put back after).
  const me = await body<{ id: string }>(
    await request.get('/api/me', { headers: bearer(adminToken) }),
    200,
  );
  const accounts = {
    member: await account(request, adminToken, `Mara ${runId}`, email('member'), 'member'),
    organizer: await account(request, adminToken, `Otto ${runId}`, email('organizer'), 'organizer'),
    admin: { ...adminCredentials(), id: me.id },
    analyst: await account(request, adminToken, `Anja ${runId}`, email('analyst'), 'analyst'),
  };
  const organizerToken = await apiToken(request, accounts.organizer);
  const event = await body<{ id: string }>(
    await request.post('/api/events', {
      headers: bearer(organizerToken),
      data: eventInput(`E2E Screens Workshop ${runId}`, 2),
    }),
    201,
  );
  // Two confirmed (the member, checked in, and a guest), one waiting.
  const memberToken = await apiToken(request, accounts.member);
  const mine = await body<{ registration_id: string }>(
    await request.post(`/api/events/${event.id}/registrations`, {
      headers: bearer(memberToken),
      data: {},
    }),
    201,
  );
  const guest = await body<{ registration_id: string; cancel_token: string }>(
    await request.post(`/api/events/${event.id}/registrations`, {
      data: { name: `Gustav ${runId}`, email: email('guest') },
    }),
    201,
  );
  await body(
    await request.post(`/api/events/${event.id}/registrations`, {
      data: { name: `Wanda ${runId}`, email: email('waiting') },
    }),
    201,
  );
  await body(
    await request.post(`/api/events/${event.id}/registrations/${mine.registration_id}/check-in`, {
      headers: bearer(organizerToken),
    }),
    200,
  );
  const day = nextWeek();
  const weekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][
    new Date(`${day}T12:00:00Z`).getUTCDay()
  ];
  const series = await body<{ series_id: string }>(
    await request.post('/api/series', {
      headers: bearer(organizerToken),
      data: {
        ...eventInput(`E2E Screens Series ${runId}`, 12),
        recurrence: { freq: 'weekly', by_weekday: [weekday], count: 4 },
      },
    }),
    201,
  );
  return {
    accounts,
    eventId: event.id,
    seriesId: series.series_id,
    guest: { registrationId: guest.registration_id, token: guest.cancel_token },
  };
}

/** Sets the account's profile language (the UI follows it once signed in); returns the old one. */
export async function setProfileLanguage(
  request: APIRequestContext,
  who: Credentials,
  lang: string,
): Promise<string> {
  const headers = bearer(await apiToken(request, who));
  const before = await body<{ locale: string }>(await request.get('/api/me', { headers }), 200);
  await body(await request.patch('/api/me', { headers, data: { locale: lang } }), 200);
  return before.locale;
}

/**
 * The run's data, made once per Playwright run: a failed test restarts the worker, whose
 * beforeAll would otherwise make (and sign up) everything again. Kept in a file named after the
 * runner process and the server.
 */
export async function screensDataOnce(
  request: APIRequestContext,
  baseURL: string,
): Promise<ScreensData> {
  const key = `${process.ppid}-${baseURL.replace(/[^a-z0-9]+/gi, '_')}`;
  const file = path.join(tmpdir(), `eventconnect-screens-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf-8')) as ScreensData;
  const made = await makeScreensData(request, `${Date.now()}`);
  writeFileSync(file, JSON.stringify(made));
  return made;
}

/**
 * Signs the context in as `who` without the login form: the token pair goes where the UI keeps
 * it (sessionStorage, lib/auth-tokens.ts) before the app's scripts run, unless already there.
 */
export async function signInContext(
  context: BrowserContext,
  request: APIRequestContext,
  who: Credentials,
): Promise<void> {
  const answer = await request.post('/api/auth/token', {
    form: { username: who.email, password: who.password },
  });
  const pair = await body<{ access_token: string; refresh_token: string; expires_in: number }>(
    answer,
    200,
  );
  const stored = {
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    expiresAt: Date.now() + pair.expires_in * 1000,
    session: `screens-${Date.now()}`,
  };
  await context.addInitScript((value: string) => {
    if (!window.sessionStorage.getItem('eventconnect.auth')) {
      window.sessionStorage.setItem('eventconnect.auth', value);
    }
  }, JSON.stringify(stored));
}

/** A visitor's language choice, as the footer's switch stores it (i18n/settings.ts). */
export async function setVisitorLanguage(context: BrowserContext, lang: Lang): Promise<void> {
  await context.addInitScript((value: string) => {
    window.localStorage.setItem('eventconnect.language', value);
  }, lang);
}

/** Waits until the screen has its heading and no loading indicator left. */
export async function settle(page: Page, signedIn: boolean): Promise<void> {
  // On a phone the account corner sits in the header's closed menu: present, not visible.
  if (signedIn) await expect(page.getByTestId('user-menu')).toBeAttached();
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0, { timeout: 15_000 });
}

/**
 * WCAG 3.1.1: the page says which language it is in. axe only checks that `<html lang>` is
 * valid, not that it is the language shown, so the spec checks that itself.
 */
export async function languageFinding(page: Page, lang: Lang): Promise<Finding[]> {
  const shown = async () => (await page.locator('html').getAttribute('lang')) ?? '';
  try {
    await expect.poll(shown, { timeout: 3_000 }).toBe(lang);
    return [];
  } catch {
    return [
      {
        rule: 'html-lang-matches-ui',
        impact: 'serious',
        help: `<html lang="${await shown()}"> but the UI is shown in "${lang}"`,
        targets: ['html'],
      },
    ];
  }
}

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe over WCAG 2.1 A/AA; the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

export function describeFindings(findings: Finding[]): string {
  return findings
    .map(
      (f) => `  ${f.rule} (${f.impact}: ${f.help})\n${f.targets.map((t) => `    ${t}`).join('\n')}`,
    )
    .join('\n');
}
