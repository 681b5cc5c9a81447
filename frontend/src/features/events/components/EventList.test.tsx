import { QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import type { EventOut, Page } from '@/types/api';
import { getEventsQueryOptions, type EventsQuery } from '../api/get-events';
import { EventList } from './EventList';

const event: EventOut = {
  id: 'e1',
  title: 'Beach clean-up',
  description: '',
  category: 'volunteer',
  tags: [],
  starts_at: '2030-06-01T09:00:00+00:00',
  ends_at: '2030-06-01T12:00:00+00:00',
  timezone: 'UTC',
  location: { country: 'PT', city: 'Lisbon' },
  capacity: 10,
  confirmed_count: 0,
  seats_left: 10,
  waitlist_length: 0,
  waitlist_enabled: false,
  status: 'published',
  organizer: { id: 'u-org', name: 'Asha Rao' },
  rating_avg: null,
  rating_count: 0,
  created_at: '2030-01-01T00:00:00+00:00',
  updated_at: '2030-01-01T00:00:00+00:00',
};

/** Renders the list with `answer` already cached, as the API would have sent it. */
function render(answer: Omit<Page<EventOut>, 'items'>): string {
  const query: EventsQuery = { q: 'clean', page: answer.page, page_size: answer.page_size };
  const client = createQueryClient();
  const items = Array.from({ length: answer.page_size }, (_, i) => ({ ...event, id: `e${i}` }));
  client.setQueryData(getEventsQueryOptions(query).queryKey, { ...answer, items });
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <EventList query={query} onPageChange={() => undefined} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('EventList', () => {
  it('shows an exact total with "page X of Y"', () => {
    const html = render({ total: 45, page: 2, page_size: 20, total_exact: true });
    expect(html).toContain('>45 events</h2>');
    expect(html).toContain('Page 2 of 3');
  });

  it('shows a lower-bound total as "1,000+" and only "page X"', () => {
    const html = render({ total: 1000, page: 2, page_size: 20, total_exact: false });
    expect(html).toContain('>1,000+ events</h2>');
    expect(html).toContain('Page 2<');
    expect(html).not.toContain('Page 2 of');
  });

  it('reads an answer without total_exact as exact', () => {
    expect(render({ total: 45, page: 1, page_size: 20 })).toContain('>45 events</h2>');
  });
});
