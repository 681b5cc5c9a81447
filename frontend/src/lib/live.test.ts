import { describe, expect, it } from 'vitest';
import type { EventOut, Page } from '@/types/api';
import { applySeats, liveUrl } from './live';
import { createQueryClient } from './query-client';
import { eventKeys } from './query-keys';

const event = {
  id: 'e1',
  title: 'Beach clean-up',
  capacity: 10,
  confirmed_count: 2,
  seats_left: 8,
  waitlist_length: 0,
} as EventOut;

const update = {
  type: 'seats' as const,
  event_id: 'e1',
  confirmed_count: 10,
  capacity: 10,
  seats_left: 0,
  waitlist_length: 3,
  position: 99,
};

describe('liveUrl', () => {
  it('uses the page origin, wss behind https', () => {
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:8765' })).toBe(
      'ws://127.0.0.1:8765/api/live',
    );
    expect(liveUrl({ protocol: 'https:', host: 'events.example.org' })).toBe(
      'wss://events.example.org/api/live',
    );
  });
});

describe('applySeats', () => {
  it('updates the event page in every zone and the lists that show it', () => {
    const client = createQueryClient();
    client.setQueryData(eventKeys.event('e1', 'UTC'), event);
    client.setQueryData(eventKeys.event('e1', 'Asia/Kolkata'), event);
    client.setQueryData(eventKeys.event('e2', 'UTC'), { ...event, id: 'e2' });
    const list: Page<EventOut> = {
      items: [event, { ...event, id: 'e2' }],
      total: 2,
      page: 1,
      page_size: 20,
    };
    client.setQueryData(eventKeys.list({ q: 'beach' }), list);

    applySeats(client, update);

    for (const tz of ['UTC', 'Asia/Kolkata']) {
      expect(client.getQueryData<EventOut>(eventKeys.event('e1', tz))).toMatchObject({
        title: 'Beach clean-up',
        confirmed_count: 10,
        seats_left: 0,
        waitlist_length: 3,
      });
    }
    expect(client.getQueryData<EventOut>(eventKeys.event('e2', 'UTC'))?.seats_left).toBe(8);
    const items = client.getQueryData<Page<EventOut>>(eventKeys.list({ q: 'beach' }))?.items;
    expect(items?.map((e) => e.seats_left)).toEqual([0, 8]);
  });

  it('creates nothing that was not cached', () => {
    const client = createQueryClient();
    applySeats(client, update);
    expect(client.getQueryData(eventKeys.event('e1', 'UTC'))).toBeUndefined();
  });
});
