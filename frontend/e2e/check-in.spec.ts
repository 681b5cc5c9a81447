import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  apiToken,
  createEventAs,
  makeOrganizer,
  logIn,
  PHONE,
  registerMember,
  shot,
  signUpMember,
} from './support';

// The door on a phone: a guest's ticket on their registration page; the organizer types the
// code on the door screen (checked in, then "already checked in"), undoes and redoes the
// check-in from the attendee list, and exports the attendee list as a CSV file.

test.use({ viewport: PHONE });

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

test('an organizer checks a guest in at the door and exports the list', async ({
  page,
  browser,
  request,
}) => {
  const runId = `${Date.now()}`;
  const title = `E2E Door ${runId}`;
  const guestName = `Gia ${runId}`;
  const organizer = await makeOrganizer(request, `Ode ${runId}`, `ode-${runId}@example.org`);
  const organizerToken = await apiToken(request, organizer);
  const eventId = await createEventAs(request, organizerToken, {
    title,
    capacity: 5,
    timezone: 'Europe/London',
  });

  const registered = await request.post(`/api/events/${eventId}/registrations`, {
    data: { name: guestName, email: `gia-${runId}@example.org` },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const guest = (await registered.json()) as { registration_id: string; cancel_token: string };
  const ticketAnswer = await request.get(
    `/api/events/${eventId}/registrations/${guest.registration_id}/ticket`,
    { headers: auth(organizerToken) },
  );
  expect(ticketAnswer.status(), await ticketAnswer.text()).toBe(200);
  const { ticket_code: code } = (await ticketAnswer.json()) as { ticket_code: string };
  expect(code).toMatch(/^[A-Z2-7]{16}$/);
  const grouped = (code.match(/.{4}/g) ?? []).join(' ');

  // 1. The guest's registration page shows the ticket: its QR code and the grouped code.
  const guestPage = await browser.newPage({ viewport: PHONE });
  await guestPage.goto(
    `/events/${eventId}/registrations/${guest.registration_id}?token=${guest.cancel_token}`,
  );
  const ticket = guestPage.getByRole('region', { name: 'Your ticket' });
  const qr = ticket.getByRole('img', { name: 'Ticket QR code' });
  await expect(qr).toBeVisible();
  // Drawn, not a broken image: the SVG document decodes as a picture.
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(ticket.getByTestId('ticket-code')).toContainText(grouped);
  await guestPage.screenshot({ path: shot('ticket-390.png'), fullPage: true });
  await guestPage.close();

  // 1b. A member finds their ticket in My registrations.
  const member = await signUpMember(request, `Mel ${runId}`, `mel-${runId}@example.org`);
  await registerMember(request, member, eventId);
  const memberPage = await browser.newPage({ viewport: PHONE });
  await memberPage.goto('/');
  await logIn(memberPage, member);
  await memberPage.goto('/me/registrations');
  const mine = memberPage.getByTestId('account-registration').filter({ hasText: title });
  await mine.getByRole('button', { name: 'Show ticket' }).click();
  await expect(mine.getByRole('img', { name: 'Ticket QR code' })).toBeVisible();
  await expect(mine.getByTestId('ticket-code')).toHaveText(/([A-Z2-7]{4} ){3}[A-Z2-7]{4}/);
  await memberPage.screenshot({ path: shot('my-ticket-390.png'), fullPage: true });
  await memberPage.close();

  // 2. The organizer opens the door screen from the manage page.
  await page.goto('/');
  await logIn(page, organizer);
  await page.goto(`/events/${eventId}/manage`);
  await page.getByRole('link', { name: 'Door check-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Check-in: ${title}` })).toBeVisible();
  const counts = page.getByTestId('door-counts');
  await expect(counts).toContainText('0 checked in of 2 confirmed');

  // 3. Typed the way a person would (lower case, dashes): checked in, counted.
  const input = page.getByLabel('Type or paste the ticket code');
  const result = page.getByTestId('door-result');
  await input.fill((code.toLowerCase().match(/.{4}/g) ?? []).join('-'));
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(result).toHaveAttribute('data-outcome', 'checked_in');
  await expect(result).toContainText(`Checked in: ${guestName}`);
  await expect(result.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(counts).toContainText('1 checked in of 2 confirmed');
  await page.screenshot({ path: shot('door-checked-in-390.png'), fullPage: true });

  // 3b. Undo at the door asks first, naming the consequence; "Keep" keeps the check-in, "Yes"
  // takes it back; a fresh scan checks in again.
  await result.getByRole('button', { name: 'Undo' }).click();
  await expect(result).toContainText(`Undo the check-in of ${guestName}?`);
  await expect(result).toContainText('their ticket can be scanned again');
  await expect(result.getByRole('button', { name: 'Yes, undo check-in' })).toBeFocused();
  await result.getByRole('button', { name: 'Keep check-in' }).click();
  await expect(result.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expect(counts).toContainText('1 checked in of 2 confirmed');
  await result.getByRole('button', { name: 'Undo' }).click();
  await result.getByRole('button', { name: 'Yes, undo check-in' }).click();
  await expect(result).toContainText(`Check-in undone: ${guestName}`);
  await expect(counts).toContainText('0 checked in of 2 confirmed');
  await input.fill(code);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(result).toContainText(`Checked in: ${guestName}`);
  await expect(counts).toContainText('1 checked in of 2 confirmed');

  // 4. The same ticket again: already in, at the first scan's time, counted once.
  await input.fill(code);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(result).toHaveAttribute('data-outcome', 'already');
  await expect(result).toContainText('Already checked in at');
  await expect(counts).toContainText('1 checked in of 2 confirmed');

  // 4b. Offline: the scan waits in the browser and goes, with its own time, once back online.
  const late = await request.post(`/api/events/${eventId}/registrations`, {
    data: { name: `Lia ${runId}`, email: `lia-${runId}@example.org` },
  });
  expect(late.status(), await late.text()).toBe(201);
  const lateId = ((await late.json()) as { registration_id: string }).registration_id;
  const lateTicket = await request.get(`/api/events/${eventId}/registrations/${lateId}/ticket`, {
    headers: auth(organizerToken),
  });
  const lateCode = ((await lateTicket.json()) as { ticket_code: string }).ticket_code;
  await page.context().setOffline(true);
  await input.fill(lateCode);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(result).toHaveAttribute('data-outcome', 'queued');
  await expect(page.getByTestId('door-queue')).toContainText('Saved offline — 1 scan waiting');
  await page.screenshot({ path: shot('door-offline-390.png'), fullPage: true });
  await page.context().setOffline(false);
  await expect(page.getByRole('list', { name: 'Sent offline scans' })).toContainText(lateCode);
  await expect(page.getByRole('list', { name: 'Sent offline scans' })).toContainText('checked in');
  await expect(page.getByTestId('door-queue')).toHaveCount(0);
  await expect(counts).toContainText('2 checked in of 3 confirmed');

  // 5. A code that is no ticket of this event, in plain words.
  await input.fill('AAAA BBBB CCCC DDDD');
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(result).toHaveAttribute('data-code', 'ticket_not_found');
  await expect(result).toContainText('No ticket of this event has that code');

  // 6. The attendee list: undo, then check in again from the row.
  await page.getByRole('link', { name: '← Manage event' }).click();
  const row = page.getByTestId('attendee-row').filter({ hasText: guestName });
  await row.getByRole('button', { name: `Undo check-in of ${guestName}` }).click();
  await row.getByRole('button', { name: 'Yes, undo' }).click();
  const checkInButton = row.getByRole('button', { name: `Check in ${guestName}` });
  await expect(checkInButton).toBeVisible();
  await checkInButton.click();
  await expect(row.getByRole('button', { name: `Undo check-in of ${guestName}` })).toBeVisible();

  // 7. The CSV export: a real download, UTF-8 with a BOM, the documented header.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\ufeffname,email,status')).toBe(true);
  expect(csv).toContain(guestName);
  await page.screenshot({ path: shot('attendees-check-in-390.png'), fullPage: true });

  // 8. The audit timeline says it in plain words, not event types and ids.
  await page.getByRole('tab', { name: 'History' }).click();
  const timeline = page.locator('.timeline__summary');
  await expect(
    timeline.filter({ hasText: `${guestName} was checked in by` }).first(),
  ).toBeVisible();
  await expect(timeline.filter({ hasText: `undid ${guestName}'s check-in` }).first()).toBeVisible();
  await expect(timeline.filter({ hasText: 'sent later by an offline scanner' })).toHaveCount(1);
  await page.screenshot({ path: shot('history-plain-words-390.png'), fullPage: true });
});
