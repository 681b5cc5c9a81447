import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PHONE } from './support';
import {
  describeFindings,
  languageFinding,
  screensDataOnce,
  seriousViolations,
  setProfileLanguage,
  setVisitorLanguage,
  settle,
  signInContext,
  WIDE,
  type Lang,
  type Role,
  type ScreensData,
} from './screens-data';

// Every screen of the app, as the person who sees it, in English and in German: axe (WCAG 2.1
// A/AA) must find nothing serious or critical, and each screen is kept as a full-page
// screenshot at 390 and 1366 px wide in test-results/screens/<screen>-<lang>-<width>.png.
// One browser context per role and language; the data is made once through the API.

interface Screen {
  name: string;
  path: (d: ScreensData) => string;
  /** After the screen has settled: bring it into the state worth checking. */
  then?: (page: Page) => Promise<void>;
}

const openTicket = async (page: Page) => {
  await page.locator('button[aria-controls^="ticket-panel-"]').first().click();
  await expect(page.getByTestId('ticket').first().locator('img')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
};

const manageTab = (tab: string): Screen => ({
  name: `organizer-manage-${tab}`,
  path: (d) => `/events/${d.eventId}/manage?tab=${tab}`,
});

const SCREENS: Record<Role, Screen[]> = {
  visitor: [
    { name: 'visitor-home', path: () => '/' },
    { name: 'visitor-event', path: (d) => `/events/${d.eventId}` },
    { name: 'visitor-series', path: (d) => `/series/${d.seriesId}` },
    { name: 'visitor-login', path: () => '/login' },
    { name: 'visitor-signup', path: () => '/signup' },
    { name: 'visitor-forgot-password', path: () => '/forgot-password' },
    { name: 'visitor-reset-password', path: () => '/reset-password?token=not-a-real-token' },
    { name: 'visitor-verify-email', path: () => '/verify-email?token=not-a-real-token' },
    { name: 'visitor-unsubscribe', path: () => '/unsubscribe?token=not-a-real-token' },
    { name: 'visitor-not-found', path: () => '/no-such-page' },
    {
      name: 'guest-registration',
      path: (d) =>
        `/events/${d.eventId}/registrations/${d.guest.registrationId}?token=${d.guest.token}`,
    },
  ],
  member: [
    { name: 'member-registrations', path: () => '/me/registrations' },
    { name: 'member-ticket', path: () => '/me/registrations', then: openTicket },
    { name: 'member-profile', path: () => '/me' },
    { name: 'member-inbox', path: () => '/inbox' },
  ],
  organizer: [
    { name: 'organizer-my-events', path: () => '/organize' },
    { name: 'organizer-create', path: () => '/organize/new' },
    manageTab('attendees'),
    manageTab('waitlist'),
    manageTab('feedback'),
    manageTab('history'),
    manageTab('edit'),
    { name: 'organizer-check-in', path: (d) => `/events/${d.eventId}/check-in` },
  ],
  admin: [{ name: 'admin-users', path: () => '/admin/users' }],
  analyst: [
    { name: 'analyst-dashboard', path: () => '/analytics' },
    { name: 'analyst-event', path: (d) => `/events/${d.eventId}/analytics` },
  ],
};

let data: ScreensData | undefined;

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({
    baseURL: testInfo.project.use.baseURL,
  });
  try {
    data = await screensDataOnce(request, testInfo.project.use.baseURL ?? '');
  } finally {
    await request.dispose();
  }
});

for (const role of Object.keys(SCREENS) as Role[]) {
  for (const lang of ['en', 'de'] as Lang[]) {
    test(`every ${role} screen passes axe and is captured (${lang})`, async ({
      browser,
      request,
    }, testInfo) => {
      test.setTimeout(120_000);
      const made = data;
      if (!made) throw new Error('beforeAll made no data');
      const context = await browser.newContext({ viewport: PHONE });
      // Screenshots land beside Playwright's other output (test-results/ unless --output).
      const dir = path.join(testInfo.project.outputDir, 'screens');
      let restore: (() => Promise<unknown>) | undefined;
      if (role === 'visitor') {
        await setVisitorLanguage(context, lang);
      } else {
        const who = made.accounts[role];
        const before = await setProfileLanguage(request, who, lang);
        // The admin is the harness's account, which the other specs expect in its own language.
        if (role === 'admin') restore = () => setProfileLanguage(request, who, before);
        await signInContext(context, request, who);
      }
      const page = await context.newPage();
      const failures: string[] = [];
      try {
        for (const screen of SCREENS[role]) {
          const file = (width: number) => path.join(dir, `${screen.name}-${lang}-${width}.png`);
          // A screen that does not come up is a failure too, but the others still get checked.
          try {
            await page.setViewportSize(PHONE);
            await page.goto(screen.path(made));
            await settle(page, role !== 'visitor');
            if (screen.then) await screen.then(page);
            const findings = [
              ...(await languageFinding(page, lang)),
              ...(await seriousViolations(page)),
            ];
            if (findings.length > 0) {
              const text = `${screen.name} (${lang}):\n${describeFindings(findings)}`;
              failures.push(text);
              console.log(`axe: ${text}`);
            }
          } catch (error) {
            const text = `${screen.name} (${lang}) did not settle: ${String(error).split('\n')[0]}`;
            failures.push(text);
            console.log(text);
          }
          await page.screenshot({ path: file(PHONE.width), fullPage: true });
          await page.setViewportSize(WIDE);
          await page.screenshot({ path: file(WIDE.width), fullPage: true });
        }
      } finally {
        await context.close();
        await restore?.();
      }
      expect(failures, `serious/critical axe violations:\n${failures.join('\n')}`).toEqual([]);
    });
  }
}
