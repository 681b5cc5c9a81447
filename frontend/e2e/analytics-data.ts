import { expect, type APIRequestContext } from '@playwright/test';
import { adminCredentials, apiToken, nextWeek, signUpMember, type Credentials } from './support';

// The data analytics.spec.ts reads back: made through the API, by accounts made for the run, so
// the figures the spec expects are exactly its own whatever else the server holds.

export interface Made {
  organizer: Credentials & { id: string };
  analyst: Credentials;
  workshop: { id: string; title: string };
  fundraiser: { id: string; title: string };
  /** The store position of the last write: reads wait for it (X-Consistent-With). */
  position: number;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function json<T>(
  response: Awaited<ReturnType<APIRequestContext['get']>>,
  status: number,
) {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** A new account with `role`, given by the admin. */
async function account(
  request: APIRequestContext,
  adminToken: string,
  name: string,
  email: string,
  role: 'organizer' | 'analyst',
) {
  const password = 'correct horse battery staple';
  const made = await json<{ id: string }>(
    await request.post('/api/auth/signup', { data: { name, email, password } }),
    201,
  );
  await json(
    await request.put(`/api/users/${made.id}/role`, {
      headers: bearer(adminToken),
      data: { role },
    }),
    200,
  );
  return { id: made.id, email, password };
}

async function createEvent(
  request: APIRequestContext,
  token: string,
  title: string,
  category: string,
) {
  const day = nextWeek();
  const made = await json<{ id: string }>(
    await request.post('/api/events', {
      headers: bearer(token),
      data: {
        title,
        description: 'Created by the analytics e2e spec.',
        category,
        tags: ['e2e'],
        starts_at: `${day}T18:00:00+00:00`,
        ends_at: `${day}T20:00:00+00:00`,
        timezone: 'UTC',
        location: { country: 'NZ', city: 'Dunedin', venue: 'Octagon Hall' },
        capacity: 10,
        waitlist_enabled: true,
        publish: true,
      },
    }),
    201,
  );
  return { id: made.id, title };
}

async function register(request: APIRequestContext, member: Credentials, eventId: string) {
  const token = await apiToken(request, member);
  return json<{ registration_id: string; position: number }>(
    await request.post(`/api/events/${eventId}/registrations`, {
      headers: bearer(token),
      data: {},
    }),
    201,
  );
}

/**
 * Workshop: Ann and Ben register, Ben cancels, Ann is checked in. Fundraiser: Ann and Cleo
 * register. So 2 events, 4 registrations, 1 cancellation, 3 people of whom Ann is a repeat
 * attendee, and 1 of the 3 confirmed checked in.
 */
export async function makeData(request: APIRequestContext, runId: string): Promise<Made> {
  const adminToken = await apiToken(request, adminCredentials());
  const organizer = await account(
    request,
    adminToken,
    `Organizer ${runId}`,
    `analytics-organizer-${runId}@example.org`,
    'organizer',
  );
  const analyst = await account(
    request,
    adminToken,
    `Analyst ${runId}`,
    `analytics-analyst-${runId}@example.org`,
    'analyst',
  );
  const organizerToken = await apiToken(request, organizer);
  const workshop = await createEvent(
    request,
    organizerToken,
    `E2E Analytics Workshop ${runId}`,
    'workshop',
  );
  const fundraiser = await createEvent(
    request,
    organizerToken,
    `E2E Analytics Fundraiser ${runId}`,
    'fundraiser',
  );
  const member = (who: string) =>
    signUpMember(request, `${who} ${runId}`, `analytics-${who.toLowerCase()}-${runId}@example.org`);
  const ann = await member('Ann');
  const ben = await member('Ben');
  const cleo = await member('Cleo');

  const annAtWorkshop = await register(request, ann, workshop.id);
  const benAtWorkshop = await register(request, ben, workshop.id);
  await register(request, ann, fundraiser.id);
  const last = await register(request, cleo, fundraiser.id);
  const cancelled = await json<{ position: number }>(
    await request.delete(
      `/api/events/${workshop.id}/registrations/${benAtWorkshop.registration_id}`,
      { headers: bearer(await apiToken(request, ben)) },
    ),
    200,
  );
  const checkedIn = await json<{ position: number }>(
    await request.post(
      `/api/events/${workshop.id}/registrations/${annAtWorkshop.registration_id}/check-in`,
      { headers: bearer(organizerToken) },
    ),
    200,
  );
  const position = Math.max(last.position, cancelled.position, checkedIn.position);
  return { organizer, analyst, workshop, fundraiser, position };
}
