import { describe, expect, it } from 'vitest';
import { eventBadge } from './event-status';

const base = { status: 'published' as const, seats_left: 3, waitlist_enabled: true };
const now = Date.parse('2030-06-01T12:00:00Z');

describe('eventBadge', () => {
  it('shows cancelled and draft first', () => {
    expect(eventBadge({ ...base, status: 'cancelled' }, now).kind).toBe('cancelled');
    expect(eventBadge({ ...base, status: 'draft' }, now).kind).toBe('draft');
  });

  it('says an event that is over has ended', () => {
    expect(eventBadge({ ...base, ends_at: '2030-05-01T12:00:00Z' }, now).kind).toBe('ended');
    expect(eventBadge({ ...base, ends_at: '2030-07-01T12:00:00Z' }, now).kind).toBe('open');
  });

  it('otherwise tells full, waitlist and open apart', () => {
    expect(eventBadge({ ...base, seats_left: 0 }, now).kind).toBe('waitlist');
    expect(eventBadge({ ...base, seats_left: 0, waitlist_enabled: false }, now).kind).toBe('full');
    expect(eventBadge(base, now).kind).toBe('open');
  });
});
