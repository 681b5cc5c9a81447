import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '@/test/memory-storage';
import { api, refreshSession } from './api-client';
import {
  clearTokens,
  getTokens,
  resetTokenMemoryForTests,
  startSession,
  subscribeTokens,
} from './auth-tokens';
import { clearConsistencyPosition } from './consistency';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail: code, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const pair = (n: number) => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
  token_type: 'bearer',
  expires_in: 900,
});

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A fake server: `handler` answers each call; every call is recorded. */
function fakeFetch(handler: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: input instanceof Request ? input.url : input.toString(),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    calls.push(call);
    return Promise.resolve(handler(call));
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

/** Access token N is valid once refresh token N-1 has been traded for it. */
function rotatingServer(valid: { access: string }) {
  return (call: Call) => {
    if (call.url === '/api/auth/refresh') {
      const { refresh_token } = JSON.parse(call.body ?? '{}') as { refresh_token: string };
      const n = Number(refresh_token.split('-')[1]) + 1;
      valid.access = `access-${n}`;
      return json(pair(n));
    }
    if (call.headers.Authorization !== `Bearer ${valid.access}`)
      return problem(401, 'unauthorized');
    return json({ ok: call.url });
  };
}

const refreshCalls = (calls: Call[]) => calls.filter((c) => c.url === '/api/auth/refresh');

beforeEach(() => {
  vi.stubGlobal('sessionStorage', new MemoryStorage());
  resetTokenMemoryForTests();
});

afterEach(() => {
  clearTokens();
  clearConsistencyPosition();
  vi.unstubAllGlobals();
  resetTokenMemoryForTests();
});

describe('bearer tokens', () => {
  it('sends the access token when logged in and nothing when logged out', async () => {
    const calls = fakeFetch(() => json({}));
    await api.get('/events');
    startSession(pair(1));
    await api.get('/me');
    expect(calls[0]?.headers.Authorization).toBeUndefined();
    expect(calls[1]?.headers.Authorization).toBe('Bearer access-1');
  });

  it('logs in with an OAuth2 password form and no bearer token', async () => {
    startSession(pair(1));
    const calls = fakeFetch(() => json(pair(2)));
    await api.postForm(
      '/auth/token',
      { username: 'a@x.org', password: 'p&ss word' },
      { auth: false },
    );
    expect(calls[0]?.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(calls[0]?.body).toBe('username=a%40x.org&password=p%26ss+word');
    expect(calls[0]?.headers.Authorization).toBeUndefined();
  });

  it('does not refresh on a 401 from an auth endpoint (wrong password)', async () => {
    startSession(pair(1));
    const calls = fakeFetch(() => problem(401, 'unauthorized'));
    await expect(
      api.postForm('/auth/token', { username: 'a', password: 'b' }, { auth: false }),
    ).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(calls).toHaveLength(1);
    expect(getTokens()?.accessToken).toBe('access-1');
  });

  it('reads Retry-After from a 429', async () => {
    fakeFetch(
      () =>
        new Response(JSON.stringify({ code: 'rate_limited', status: 429 }), {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' },
        }),
    );
    await expect(
      api.postForm('/auth/token', { username: 'a', password: 'b' }, { auth: false }),
    ).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
  });
});

describe('refresh on 401', () => {
  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    startSession(pair(1));
    const valid = { access: 'access-2' }; // access-1 has expired
    const calls = fakeFetch(rotatingServer(valid));

    const results = await Promise.all([api.get('/me'), api.get('/events'), api.get('/users')]);

    expect(results).toEqual([{ ok: '/api/me' }, { ok: '/api/events' }, { ok: '/api/users' }]);
    const refreshes = refreshCalls(calls);
    expect(refreshes).toHaveLength(1);
    expect(JSON.parse(refreshes[0]?.body ?? '')).toEqual({ refresh_token: 'refresh-1' });
    const retries = calls.filter((c) => c.headers.Authorization === 'Bearer access-2');
    expect(retries.map((c) => c.url).sort()).toEqual(['/api/events', '/api/me', '/api/users']);
    expect(getTokens()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('uses the rotated refresh token for the next refresh and keeps the session id', async () => {
    const { session } = startSession(pair(1));
    const valid = { access: 'access-2' };
    const calls = fakeFetch(rotatingServer(valid));
    await api.get('/me');
    valid.access = 'access-3'; // access-2 expires in turn
    await api.get('/me');
    const bodies = refreshCalls(calls).map((c) => JSON.parse(c.body ?? '') as unknown);
    expect(bodies).toEqual([{ refresh_token: 'refresh-1' }, { refresh_token: 'refresh-2' }]);
    expect(getTokens()).toMatchObject({ accessToken: 'access-3', session });
  });

  it('retries with a token another request already refreshed, without refreshing again', async () => {
    startSession(pair(1));
    const valid = { access: 'access-2' };
    const server = rotatingServer(valid);
    let releaseSlow: () => void = () => undefined;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const calls = fakeFetch(async (call) => {
      // The first /slow answer (a 401 for access-1) arrives only after the refresh is done.
      if (call.url === '/api/slow' && call.headers.Authorization === 'Bearer access-1') {
        await slowGate;
      }
      return server(call);
    });

    const slow = api.get('/slow');
    await api.get('/fast'); // 401, refresh, retry
    releaseSlow();
    await expect(slow).resolves.toEqual({ ok: '/api/slow' });
    expect(refreshCalls(calls)).toHaveLength(1);
    expect(calls.filter((c) => c.url === '/api/slow')).toHaveLength(2);
  });

  it('logs out when the refresh token is refused; a read is retried as a guest', async () => {
    startSession(pair(1));
    const listener = vi.fn();
    subscribeTokens(listener);
    const calls = fakeFetch((call) => {
      if (call.url === '/api/auth/refresh') return problem(401, 'unauthorized');
      return call.headers.Authorization ? problem(401, 'unauthorized') : json({ items: [] });
    });

    await expect(api.get('/events')).resolves.toEqual({ items: [] });
    expect(getTokens()).toBeNull();
    expect(listener).toHaveBeenCalled();
    expect(calls.map((c) => [c.url, c.headers.Authorization])).toEqual([
      ['/api/events', 'Bearer access-1'],
      ['/api/auth/refresh', undefined],
      ['/api/events', undefined],
    ]);
  });

  it('does not repeat a command as a guest after the session ends', async () => {
    startSession(pair(1));
    const calls = fakeFetch((call) =>
      call.url === '/api/auth/refresh'
        ? problem(401, 'unauthorized')
        : problem(401, 'unauthorized'),
    );
    await expect(api.post('/events/e1/registrations', {})).rejects.toMatchObject({ status: 401 });
    expect(calls.map((c) => c.url)).toEqual(['/api/events/e1/registrations', '/api/auth/refresh']);
    expect(getTokens()).toBeNull();
  });

  it('keeps the session when the refresh fails for a reason of the server', async () => {
    startSession(pair(1));
    fakeFetch((call) =>
      call.url === '/api/auth/refresh' ? problem(503, 'unavailable') : problem(401, 'unauthorized'),
    );
    await expect(api.get('/me')).rejects.toMatchObject({ status: 503 });
    expect(getTokens()?.refreshToken).toBe('refresh-1');
  });

  it('only asks once when logged out: a 401 without tokens is the answer', async () => {
    const calls = fakeFetch(() => problem(401, 'unauthorized'));
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(1);
  });

  it('shares one refresh between direct callers too', async () => {
    startSession(pair(1));
    let answer: (r: Response) => void = () => undefined;
    const calls = fakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const both = Promise.all([refreshSession(), refreshSession()]);
    answer(json(pair(2)));
    await expect(both).resolves.toEqual(['refreshed', 'refreshed']);
    expect(calls).toHaveLength(1);
  });
});
