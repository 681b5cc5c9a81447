import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildUrl, fieldErrors, parseProblem, problemFromBody } from './api-client';
import { clearConsistencyPosition, getConsistencyPosition } from './consistency';

function problemResponse(status: number, body: unknown, type = 'application/problem+json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearConsistencyPosition();
});

describe('parseProblem', () => {
  it('parses a 409 problem+json into a typed ApiError whose message is the detail', async () => {
    const error = await parseProblem(
      problemResponse(409, {
        type: 'https://eventconnect.example/problems/event-full',
        title: 'Event is full',
        status: 409,
        detail: 'No seats left and the waitlist is closed.',
        code: 'event_full',
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(409);
    expect(error.code).toBe('event_full');
    expect(error.title).toBe('Event is full');
    expect(error.type).toBe('https://eventconnect.example/problems/event-full');
    expect(error.detail).toBe('No seats left and the waitlist is closed.');
    expect(error.message).toBe('No seats left and the waitlist is closed.');
    expect(error.errors).toEqual([]);
  });

  it('keeps validation errors and maps them to form fields', async () => {
    const error = await parseProblem(
      problemResponse(422, {
        type: 'about:blank',
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'Input is not valid',
        code: 'validation_error',
        errors: [
          { loc: ['body', 'email'], msg: 'value is not a valid email address' },
          { loc: ['body', 'location', 'country'], msg: 'must be an ISO 3166-1 alpha-2 code' },
          { loc: ['body', 'email'], msg: 'too long' },
          { loc: ['body'], msg: 'ends_at must be after starts_at' },
        ],
      }),
    );
    expect(error.code).toBe('validation_error');
    expect(error.errors).toHaveLength(4);
    expect(error.errors[1]).toEqual({
      loc: ['body', 'location', 'country'],
      msg: 'must be an ISO 3166-1 alpha-2 code',
    });
    expect(fieldErrors(error)).toEqual({
      email: 'value is not a valid email address; too long',
      'location.country': 'must be an ISO 3166-1 alpha-2 code',
      '': 'ends_at must be after starts_at',
    });
  });

  it("falls back sensibly for FastAPI's default error shapes", async () => {
    const notFound = await parseProblem(
      problemResponse(404, { detail: 'Not Found' }, 'application/json'),
    );
    expect(notFound.code).toBe('not_found');
    expect(notFound.detail).toBe('Not Found');

    const invalid = problemFromBody(422, {
      detail: [{ loc: ['query', 'page_size'], msg: 'Input should be less than or equal to 100' }],
    });
    expect(invalid.code).toBe('validation_error');
    expect(invalid.detail).toBe('Input should be less than or equal to 100');
    expect(fieldErrors(invalid)).toEqual({
      page_size: 'Input should be less than or equal to 100',
    });
  });

  it('survives a non-JSON error body', async () => {
    const error = await parseProblem(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html' },
      }),
    );
    expect(error.status).toBe(502);
    expect(error.code).toBe('server_error');
    expect(error.message).toBe('Bad Gateway');
  });

  it('returns no field errors for things that are not ApiErrors', () => {
    expect(fieldErrors(new Error('boom'))).toEqual({});
  });
});

describe('request', () => {
  it('builds relative /api URLs and drops empty params', () => {
    expect(buildUrl('/events', { q: 'yoga class', page: 2, city: '', country: undefined })).toBe(
      '/api/events?q=yoga+class&page=2',
    );
  });

  it('throws the parsed ApiError on a failed command', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          problemResponse(409, {
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: 'You are already registered for this event.',
            code: 'already_registered',
          }),
        ),
      ),
    );
    await expect(
      api.post('/events/e1/registrations', { name: 'A', email: 'a@x.org' }),
    ).rejects.toMatchObject({ status: 409, code: 'already_registered' });
  });

  it('records the command position and sends it as X-Consistent-With on later GETs', async () => {
    const fetchMock = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') {
        return Promise.resolve(
          new Response(JSON.stringify({ id: 'e1', position: 41 }), {
            status: 201,
            headers: { 'Content-Type': 'application/json', 'X-Position': '42' },
          }),
        );
      }
      return Promise.resolve(
        new Response(JSON.stringify({ items: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    });
    vi.stubGlobal('fetch', fetchMock);

    await api.post('/events', { title: 'x' });
    expect(getConsistencyPosition()).toBe(42);
    await api.get('/events');
    const headers = fetchMock.mock.calls[1]?.[1]?.headers as Record<string, string>;
    expect(headers['X-Consistent-With']).toBe('42');
  });
});

describe('read-your-writes fallback', () => {
  it('drops a position the server cannot reach in time and answers without it', async () => {
    const fetchMock = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
      const headers = init?.headers as Record<string, string>;
      if (init?.method === 'DELETE') {
        return Promise.resolve(
          new Response(JSON.stringify({ registration_id: 'r1', position: 7 }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
        );
      }
      if (headers['X-Consistent-With']) {
        return Promise.resolve(
          problemResponse(503, {
            type: 'about:blank',
            title: 'Service Unavailable',
            status: 503,
            detail: 'Read model has not caught up yet',
            code: 'not_yet_consistent',
          }),
        );
      }
      return Promise.resolve(
        new Response(JSON.stringify({ id: 'e1' }), {
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    });
    vi.stubGlobal('fetch', fetchMock);

    await api.delete('/events/e1/registrations/r1', { params: { token: 't' } });
    expect(getConsistencyPosition()).toBe(7);
    await expect(api.get('/events/e1')).resolves.toEqual({ id: 'e1' });
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(getConsistencyPosition()).toBeNull();
  });
});
