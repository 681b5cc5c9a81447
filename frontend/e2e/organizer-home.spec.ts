import { expect, test } from '@playwright/test';
import {
  apiToken,
  createEventAs,
  makeOrganizer,
  logIn,
  mainNav,
  PHONE,
  signUpMember,
  openMenu,
} from './support';

// An organizer's home on a phone: a draft and an upcoming event with its seats, and Manage
// opens the event's page. Then a member creates a calendar feed URL on the profile page, and
// the .ics it serves holds the event they registered for.

test.use({ viewport: PHONE });

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

test('an organizer sees drafts and seats; a member subscribes to a feed', async ({
  page,
  browser,
  request,
}) => {
  const runId = `${Date.now()}`;
  const upcoming = `E2E Home Upcoming ${runId}`;
  const draft = `E2E Home Draft ${runId}`;
  const organizer = await makeOrganizer(request, `Olu ${runId}`, `olu-${runId}@example.org`);
  const organizerToken = await apiToken(request, organizer);
  const eventId = await createEventAs(request, organizerToken, {
    title: upcoming,
    capacity: 3,
    category: 'workshop',
    timezone: 'Europe/London',
  });
  await createEventAs(request, organizerToken, {
    title: draft,
    capacity: 3,
    category: 'workshop',
    timezone: 'Europe/London',
    publish: false,
  });
  const member = await signUpMember(request, `Mo ${runId}`, `mo-${runId}@example.org`);
  const registered = await request.post(`/api/events/${eventId}/registrations`, {
    headers: auth(await apiToken(request, member)),
    data: {},
  });
  expect(registered.status(), await registered.text()).toBe(201);

  // 1. The organizer's home: the upcoming event with its seats, the draft in its own tab.
  await page.goto('/');
  await logIn(page, organizer);
  await openMenu(page);
  await mainNav(page).getByRole('link', { name: 'My events' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My events' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: upcoming });
  await expect(card.getByTestId('my-event-seats')).toContainText('Seats: 1/3');
  await expect(card.getByTestId('my-event-seats')).toContainText('Waitlist: 0');
  await expect(page.getByRole('listitem').filter({ hasText: draft })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Drafts' }).click();
  const draftCard = page.getByRole('listitem').filter({ hasText: draft });
  await expect(draftCard.getByTestId('my-event-seats')).toContainText('Status: draft');
  await page.getByRole('tab', { name: 'Upcoming' }).click();
  await card.getByRole('link', { name: 'Manage' }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${eventId}/manage`));

  // 2. The member creates a feed URL; the calendar it serves holds their event.
  const memberPage = await browser.newPage({ viewport: PHONE });
  await memberPage.goto('/');
  await logIn(memberPage, member);
  await memberPage.goto('/me');
  const panel = memberPage.getByRole('region', { name: 'Calendar feed' });
  await panel.getByRole('button', { name: 'Create feed URL' }).click();
  const url = await panel.getByLabel('Your feed URL').inputValue();
  expect(url).toMatch(/\/api\/calendar\/[\w-]+\.ics$/);
  const feed = await request.get(new URL(url).pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const ics = await feed.text();
  expect(ics).toContain(`SUMMARY:${upcoming}`);
  expect(ics).toContain('BEGIN:VTIMEZONE');
  expect(ics).toContain('BEGIN:VALARM');
  await memberPage.close();
});
