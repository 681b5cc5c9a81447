import { afterEach, describe, expect, it, vi } from 'vitest';
import { getHistory, getHistoryQueryOptions } from './get-history';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('event history in the reader language', () => {
  it('asks the server for its sentences in the given language', async () => {
    const fetchMock = vi.fn<typeof fetch>(() =>
      Promise.resolve(
        new Response(JSON.stringify({ items: [], total: 0, page: 1, page_size: 50 }), {
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    await getHistory('e1', { page: 1 }, 'de');
    const headers = fetchMock.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers['Accept-Language']).toBe('de');
  });

  it('keeps each language in its own cache entry, so switching refetches', () => {
    const params = { page: 1, page_size: 50 };
    const en = getHistoryQueryOptions('e1', params, 'en').queryKey;
    const de = getHistoryQueryOptions('e1', params, 'de').queryKey;
    expect(JSON.stringify(en)).not.toBe(JSON.stringify(de));
  });
});
