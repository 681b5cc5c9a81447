import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { bearer, json, makeData, type Made } from './analytics-data';
import { apiToken, logIn, mainNav, nextWeek, PHONE, shot, openMenu } from './support';

// The dashboard on a phone. The spec makes its own organizer with two events (a workshop and a
// fundraiser) and registrations through the API, so the figures it expects are its own: the
// analyst filters the overview by that organizer and must see exactly them, switches a chart to
// its table, narrows to one category and downloads a table as CSV; the organizer then opens one
// event's analytics from its manage screen. A German analyst then reads the same figures in
// German, with German numbers, and the form refuses a reversed date range in German.

test.use({ viewport: PHONE });

/** A chart's drawing (not the little icons of its legend, which are SVGs too). */
const CHART_SVG = '.recharts-wrapper > svg.recharts-surface';

/** The value on a stat card (`stat-<id>-value`). */
const stat = (scope: Page | Locator, id: string) => scope.getByTestId(`stat-${id}-value`);

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The spec's data, once the projection (which runs in the background) has every write. */
async function madeAndReady(request: APIRequestContext, runId: string): Promise<Made> {
  const made = await makeData(request, runId);
  // Waits server-side, bounded, until the analytics have caught up with the last write.
  const analystToken = await apiToken(request, made.analyst);
  const ready = await json<{ registrations: number }>(
    await request.get('/api/analytics/overview', {
      params: { organizer_id: made.organizer.id },
      headers: { ...bearer(analystToken), 'X-Consistent-With': String(made.position) },
    }),
    200,
  );
  expect(ready.registrations).toBe(4);
  return made;
}

test('an analyst reads the dashboard on a phone; an organizer reads one event', async ({
  page,
  browser,
  request,
}) => {
  const made = await madeAndReady(request, `${Date.now()}`);

  // 1. The analyst finds the dashboard in the menu and narrows it to the spec's organizer.
  await page.goto('/');
  await logIn(page, made.analyst);
  await openMenu(page);
  await mainNav(page).getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  await page.getByLabel('Organizer', { exact: true }).fill(made.organizer.id);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`organizer_id=${made.organizer.id}`));

  const overview = page.getByTestId('analytics-overview');
  await expect(stat(overview, 'events')).toHaveText('2');
  await expect(stat(overview, 'registrations')).toHaveText('4');
  await expect(stat(overview, 'cancellations')).toHaveText('1');
  await expect(stat(overview, 'unique-attendees')).toHaveText('3');
  await expect(stat(overview, 'repeat-attendees')).toHaveText('1');
  // 1 of the 3 confirmed checked in; nobody rated yet.
  await expect(stat(overview, 'attendance-rate')).toHaveText('33.3%');
  await expect(stat(overview, 'rating')).toHaveText('—');

  // Headings in order: one h1, then an h2 per section.
  const levels = await page
    .getByRole('main')
    .locator('h1, h2, h3')
    .evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i += 1) {
    expect(levels[i] ?? 0).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1);
  }

  // 2. On a phone a chart shows alone; its switch brings up the table with the same figures.
  const byMonth = page.getByTestId('panel-by-month');
  await expect(byMonth.getByRole('img', { name: /registrations per month/i })).toBeVisible();
  await expect(byMonth.locator(CHART_SVG)).toBeVisible();
  await expect(byMonth.getByRole('table')).toBeHidden();
  const chartBox = await byMonth.locator(CHART_SVG).boundingBox();
  expect(chartBox?.width ?? 0).toBeGreaterThan(200);
  expect(chartBox?.width ?? PHONE.width).toBeLessThanOrEqual(PHONE.width);
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: shot('analytics-overview-390.png'), fullPage: true });

  await byMonth.getByRole('button', { name: 'Table' }).click();
  await expect(byMonth.getByRole('button', { name: 'Table' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const monthTable = byMonth.getByRole('table');
  await expect(monthTable).toBeVisible();
  await expect(byMonth.getByRole('img')).toBeHidden();
  // Both events start next week, so in one month: 2 events, 4 registrations, 33.3%.
  await expect(monthTable.locator('tbody tr')).toHaveCount(1);
  await expect(monthTable.locator('tbody tr td')).toHaveText(['2', '4', '33.3%']);
  await expectNoHorizontalScroll(page);

  // The top-events table, as CSV, with the current filters.
  const top = page.getByTestId('panel-top-events');
  const csvLink = top.getByRole('link', { name: 'Download CSV: Top events' });
  await expect(csvLink).toHaveAttribute('href', /table=top_events/);
  await expect(csvLink).toHaveAttribute('href', new RegExp(`organizer_id=${made.organizer.id}`));
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv).toContain(made.workshop.title);
  expect(csv).toContain(made.fundraiser.title);
  expect(download.suggestedFilename()).toBe('analytics-top-events.csv');

  // 3. Filtered to workshops: only the workshop's figures remain, and the URL says so.
  await page.getByLabel('Category', { exact: true }).selectOption('workshop');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/category=workshop/);
  await expect(stat(overview, 'events')).toHaveText('1');
  await expect(stat(overview, 'registrations')).toHaveText('2');
  await expect(stat(overview, 'cancellations')).toHaveText('1');
  await expect(stat(overview, 'unique-attendees')).toHaveText('2');
  await expect(stat(overview, 'repeat-attendees')).toHaveText('0');
  await expect(stat(overview, 'attendance-rate')).toHaveText('100%');
  const byCategory = page.getByTestId('panel-by-category');
  await byCategory.getByRole('button', { name: 'Table' }).click();
  await expect(byCategory.getByRole('table').locator('tbody th')).toHaveText(['Workshop']);
  await top.getByRole('button', { name: 'Table' }).click();
  await expect(top.getByRole('table').getByRole('link')).toHaveText([made.workshop.title]);
  // A reload keeps the filters (they live in the URL).
  await page.reload();
  await expect(page.getByLabel('Category', { exact: true })).toHaveValue('workshop');
  await expect(stat(overview, 'registrations')).toHaveText('2');

  // On a wide screen each table sits beside its chart and the switch is gone.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(byMonth.getByRole('img', { name: /registrations per month/i })).toBeVisible();
  await expect(byMonth.getByRole('table')).toBeVisible();
  await expect(byMonth.getByRole('button', { name: 'Table' })).toBeHidden();
  await page.screenshot({ path: shot('analytics-overview-1280.png'), fullPage: true });

  // 4. The organizer sees their own dashboard and opens the workshop's analytics from its
  // manage screen.
  const context = await browser.newContext({ viewport: PHONE });
  const organizerPage = await context.newPage();
  await organizerPage.goto('/');
  await logIn(organizerPage, made.organizer);
  // Their dashboard is their own events, with no organizer to pick.
  await openMenu(organizerPage);
  await mainNav(organizerPage).getByRole('link', { name: 'Analytics' }).click();
  const own = organizerPage.getByTestId('analytics-overview');
  await expect(stat(own, 'events')).toHaveText('2');
  await expect(stat(own, 'registrations')).toHaveText('4');
  await expect(organizerPage.getByLabel('Organizer', { exact: true })).toHaveCount(0);
  await organizerPage.goto(`/events/${made.workshop.id}/manage`);
  await organizerPage
    .getByRole('main')
    .getByRole('link', { name: 'Analytics', exact: true })
    .click();
  await expect(
    organizerPage.getByRole('heading', { level: 1, name: `Analytics: ${made.workshop.title}` }),
  ).toBeVisible();
  const one = organizerPage.getByTestId('event-analytics');
  await expect(stat(one, 'registrations')).toHaveText('2');
  await expect(stat(one, 'cancellations')).toHaveText('1');
  await expect(stat(one, 'confirmed')).toHaveText('1');
  await expect(stat(one, 'checked-in')).toHaveText('1');
  await expect(stat(one, 'attendance-rate')).toHaveText('100%');
  // Not ended, nobody waitlisted, not full, not rated: no rate to give.
  await expect(stat(one, 'no-show-rate')).toHaveText('—');
  await expect(stat(one, 'waitlist-conversion')).toHaveText('—');
  await expect(stat(one, 'sold-out-at')).toHaveText('—');
  await expect(stat(one, 'rating')).toHaveText('—');

  const daily = organizerPage.getByTestId('panel-daily');
  await expect(daily.locator(CHART_SVG)).toBeVisible();
  await expectNoHorizontalScroll(organizerPage);
  await organizerPage.screenshot({ path: shot('event-analytics-390.png'), fullPage: true });
  await daily.getByRole('button', { name: 'Table' }).click();
  const dailyTable = daily.getByRole('table');
  await expect(dailyTable).toBeVisible();
  // Everything happened within the last minute: one day's row (two, if the spec straddled
  // midnight UTC, the event's zone). Summed: 2 registrations, 1 cancellation, no waitlist, no
  // promotion, 1 check-in.
  const sums = await dailyTable
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows
        .map((row) => Array.from(row.querySelectorAll('td'), (td) => Number(td.textContent)))
        .reduce((a, b) => a.map((n, i) => n + (b[i] ?? 0)), [0, 0, 0, 0, 0]),
    );
  expect(sums).toEqual([2, 1, 0, 0, 1]);
  await expect(daily.getByRole('link', { name: 'Download CSV: Day by day' })).toHaveAttribute(
    'href',
    /format=csv/,
  );
  await expectNoHorizontalScroll(organizerPage);
  await context.close();
});

test('a German analyst reads German headings and German numbers', async ({ page, request }) => {
  const made = await madeAndReady(request, `${Date.now()}-de`);
  const token = await apiToken(request, made.analyst);
  await json(
    await request.patch('/api/me', {
      headers: bearer(token),
      data: { locale: 'de', timezone: 'Europe/Berlin' },
    }),
    200,
  );

  await page.goto('/');
  await logIn(page, made.analyst);
  await openMenu(page);
  await page
    .getByRole('navigation', { name: 'Hauptmenü' })
    .getByRole('link', { name: 'Auswertungen' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Auswertungen' })).toBeVisible();
  await expect(page).toHaveTitle('Auswertungen · EventConnect');

  // A reversed range is refused in the form, next to its field, before anything is sent.
  await page.getByLabel('Von', { exact: true }).fill('2030-02-01');
  await page.getByLabel('Bis', { exact: true }).fill('2030-01-31');
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  const to = page.getByLabel('Bis', { exact: true });
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAccessibleDescription(/Das Enddatum liegt vor dem Startdatum/);
  await expect(page).not.toHaveURL(/from=/);
  // A link with the range reversed: the server refuses it (422), the form says why, in German.
  await page.goto(`/analytics?from=2030-02-01&to=2030-01-31&organizer_id=${made.organizer.id}`);
  await expect(to).toHaveAccessibleDescription(/Das Enddatum liegt vor dem Startdatum/);
  await expect(page.getByTestId('analytics-overview')).toHaveCount(0);

  await page.getByRole('button', { name: 'Zurücksetzen' }).click();
  await page.getByLabel('Veranstalter', { exact: true }).fill(made.organizer.id);
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  await expect(page).toHaveURL(new RegExp(`organizer_id=${made.organizer.id}`));

  const overview = page.getByTestId('analytics-overview');
  await expect(stat(overview, 'registrations')).toHaveText('4');
  // German decimals: a comma, and a (no-break) space before the per cent sign.
  await expect(stat(overview, 'attendance-rate')).toHaveText(/^33,3\s%$/);
  await expect(overview.getByText('Teilnahmequote', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Anmeldungen pro Monat' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Top-Veranstaltungen' })).toBeVisible();

  const byMonth = page.getByTestId('panel-by-month');
  await expect(byMonth.getByRole('img', { name: /Anmeldungen pro Monat/ })).toBeVisible();
  await byMonth.getByRole('button', { name: 'Tabelle' }).click();
  const monthTable = byMonth.getByRole('table');
  await expect(monthTable.getByRole('columnheader')).toHaveText([
    'Monat',
    'Veranstaltungen',
    'Anmeldungen',
    'Teilnahme',
  ]);
  const month = new Date(`${nextWeek()}T12:00:00Z`).toLocaleDateString('de', {
    timeZone: 'UTC',
    month: 'short',
    year: 'numeric',
  });
  await expect(monthTable.locator('tbody th')).toHaveText([month]);
  await expect(monthTable.locator('tbody tr td')).toHaveText(['2', '4', /^33,3\s%$/]);
  await expect(
    page.getByTestId('panel-top-events').getByRole('link', {
      name: 'CSV herunterladen: Top-Veranstaltungen',
    }),
  ).toHaveAttribute('href', /table=top_events/);
  await page.screenshot({ path: shot('analytics-overview-de-390.png'), fullPage: true });
});
