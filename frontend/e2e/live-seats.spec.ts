import { expect, test } from '@playwright/test';
import { createEventAsAdmin, PHONE, shot } from './support';

// Two browsers on one event page: when the first registers, the second sees the seat count and
// then the waitlist move by itself, over the live WebSocket. After its first load the second
// page is not allowed to fetch the event again (requests to it fail), and a marker on `window`
// proves that the page was never reloaded.

test.use({ viewport: PHONE });

test('a second browser sees the seats drop and the waitlist grow without reloading', async ({
  browser,
  request,
  baseURL,
  locale,
  timezoneId,
}) => {
  const runId = `${Date.now()}`;
  const title = `E2E Live Seats ${runId}`;
  const eventId = await createEventAsAdmin(request, { title, capacity: 1 });
  const path = `/events/${encodeURIComponent(eventId)}`;
  const options = { baseURL, locale, timezoneId, viewport: PHONE };

  const watcherContext = await browser.newContext(options);
  const watcher = await watcherContext.newPage();
  await watcher.goto(path);
  await expect(watcher.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(watcher.getByTestId('seats')).toContainText('1 of 1 seat left');
  await expect(watcher.getByTestId('waitlist')).toContainText('0 waiting');
  // Subscribed (the socket is open) before anyone registers.
  await expect(watcher.getByTestId('live-indicator')).toBeVisible();
  await expect(watcher.getByTestId('seats')).toHaveAttribute('aria-live', 'polite');
  await watcher.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });
  let refetches = 0;
  await watcher.route(
    (url) => url.pathname === `/api/events/${eventId}`,
    (route) => {
      refetches++;
      return route.abort();
    },
  );

  const registrantContext = await browser.newContext(options);
  const registrant = await registrantContext.newPage();
  await registrant.goto(path);
  const register = async (name: string, email: string) => {
    await registrant.getByLabel('Your name', { exact: true }).fill(name);
    await registrant.getByLabel('Email', { exact: true }).fill(email);
    // A full event offers its waitlist on the button itself.
    await registrant.getByRole('button', { name: /^(Register|Join the waitlist)$/ }).click();
  };

  await register('Live One', `live-one-${runId}@example.org`);
  await expect(registrant.getByTestId('registration-result')).toHaveAttribute(
    'data-status',
    'confirmed',
  );
  await expect(watcher.getByTestId('seats')).toContainText('Full · 1 seat', { timeout: 5_000 });
  await expect(watcher.getByTestId('seats')).toContainText('1 confirmed');

  await register('Live Two', `live-two-${runId}@example.org`);
  await expect(registrant.getByTestId('registration-result')).toHaveAttribute(
    'data-status',
    'waitlisted',
  );
  await expect(watcher.getByTestId('waitlist')).toContainText('1 waiting', { timeout: 5_000 });
  await watcher.screenshot({ path: shot('live-seats-390.png'), fullPage: true });

  expect(
    await watcher.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
  ).toBe(true);
  expect(refetches).toBe(0);
  await registrantContext.close();
  await watcherContext.close();
});
