import { expect, test, type Page } from '@playwright/test';
import { createEventAsAdmin, logIn, PHONE, shot, signUpMember } from './support';

// Look and feel: a one-row header on a phone with a menu, dark mode from the system setting,
// filters that open from a link and refuse a reversed date range, and a home page that does
// not jump while the list loads (CLS).

const DESKTOP = { width: 1366, height: 900 };

async function signedInMember(page: Page, request: Parameters<typeof signUpMember>[0]) {
  const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const member = await signUpMember(request, `Look ${runId}`, `look-${runId}@example.org`);
  await page.goto('/');
  await logIn(page, member);
}

test('signed in on a phone, the header is one row and its menu opens and closes', async ({
  page,
  request,
}) => {
  await page.setViewportSize(PHONE);
  await signedInMember(page, request);
  const header = page.getByRole('banner');
  const menu = header.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  const panelId = await menu.getAttribute('aria-controls');
  expect(panelId).toBeTruthy();
  // One row: the header is no taller than its tallest control plus padding.
  const closed = await header.boundingBox();
  expect(closed?.height ?? 999).toBeLessThan(72);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator(`[id="${panelId}"]`)).toBeVisible();
  await expect(nav.getByRole('link', { name: 'My registrations' })).toBeVisible();
  await expect(page.getByTestId('user-name')).toBeVisible();
  // Focus moved into the menu; Escape closes it and gives focus back to the button.
  await expect(nav.getByRole('link', { name: 'Events', exact: true })).toBeFocused();
  await page.screenshot({ path: shot('header-menu-open-390.png') });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(nav).toBeHidden();

  // Following a link closes the menu.
  await menu.click();
  await nav.getByRole('link', { name: 'My registrations' }).click();
  await expect(page).toHaveURL(/\/me\/registrations/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  // On a desktop, the whole navigation is inline and there is no menu button.
  await page.setViewportSize(DESKTOP);
  await expect(menu).toBeHidden();
  await expect(nav.getByRole('link', { name: 'My registrations' })).toBeVisible();
  await expect(page.getByTestId('user-role')).toBeVisible();
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`dark mode follows the system setting (${viewport.width}px)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Find an event' })).toBeVisible();
    const colours = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      return { bg: root.backgroundColor, text: root.color, scheme: root.colorScheme };
    });
    const channels = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const luminance = (css: string) => {
      const [r, g, b] = channels(css).map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    expect(luminance(colours.bg)).toBeLessThan(0.05);
    const contrast = (luminance(colours.text) + 0.05) / (luminance(colours.bg) + 0.05);
    expect(contrast).toBeGreaterThan(4.5);
    expect(colours.scheme).toContain('dark');
    await page.screenshot({ path: shot(`dark-home-${viewport.width}.png`), fullPage: true });

    await page.emulateMedia({ colorScheme: 'light' });
    const light = await page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    expect(luminance(light)).toBeGreaterThan(0.8);
  });

  test(`filters open from a link, refuse a reversed range and clear (${viewport.width}px)`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto('/?city=Leeds&from=2030-05-01');
    const panel = page.getByTestId('filters-panel');
    await expect(panel).toHaveAttribute('open', '');
    await expect(page.getByLabel('City')).toHaveValue('Leeds');
    await expect(page.getByLabel('Starts from')).toHaveValue('2030-05-01');

    // A range that ends before it starts is refused next to the field and not sent.
    await page.getByLabel('Starts until').fill('2030-04-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const error = page.getByText('This date is before “Starts from”');
    await expect(error).toBeVisible();
    await expect(page.getByLabel('Starts until')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Starts until')).toBeFocused();
    await expect(page).not.toHaveURL(/to=/);
    await page.screenshot({ path: shot(`filters-reversed-${viewport.width}.png`) });
    // Fixing the date clears the message.
    await page.getByLabel('Starts until').fill('2030-06-01');
    await expect(error).toHaveCount(0);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByLabel('City')).toHaveValue('');
    await expect(page.getByLabel('Starts from')).toHaveValue('');

    // A plain link keeps the panel closed.
    await page.goto('/');
    await expect(page.getByTestId('filters-panel')).not.toHaveAttribute('open', '');
  });

  test(`the home page does not jump while the list loads (${viewport.width}px)`, async ({
    page,
    request,
  }) => {
    await createEventAsAdmin(request, { title: `E2E CLS ${Date.now()}`, capacity: 5 });
    await page.setViewportSize(viewport);
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[]) {
          if (!entry.hadRecentInput) w.__cls += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // Slow the list down a little, so the skeleton is what the first paint shows.
    await page.route('**/api/events?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    await page.goto('/');
    await expect(page.getByTestId('event-card').first()).toBeVisible();
    await page.waitForTimeout(800);
    const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
    expect(cls).toBeLessThan(0.1);
  });
}

test('the seat count says how many of how many are left, or that the event is full', async ({
  page,
  request,
}) => {
  const title = `E2E Seats ${Date.now()}`;
  const id = await createEventAsAdmin(request, { title, capacity: 1 });
  await page.setViewportSize(PHONE);
  await page.goto(`/events/${id}`);
  await expect(page.getByTestId('seats')).toContainText('1 of 1 seat left (0 confirmed)');
  // Visitors see no "Status: published" and no creation time.
  await expect(page.locator('dt', { hasText: 'Status' })).toHaveCount(0);
  await expect(page.locator('dt', { hasText: 'Created' })).toHaveCount(0);
});
