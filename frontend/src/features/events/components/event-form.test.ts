import { describe, expect, it } from 'vitest';
import { emptyEventForm, formToEventIn, formToPatch, parseTags } from './event-form';

const base = {
  ...emptyEventForm(),
  title: ' Intro to pottery ',
  description: 'Bring an apron.',
  category: 'workshop' as const,
  tags: 'clay, art, , clay',
  startsAt: '2030-06-01T10:00',
  endsAt: '2030-06-01T12:30',
  timezone: 'Asia/Kolkata',
  country: 'in',
  city: 'Pune',
  capacity: '12',
};

describe('event form', () => {
  it('builds EventIn with offset times, trimmed text and no empty optional fields', () => {
    expect(formToEventIn(base)).toEqual({
      title: 'Intro to pottery',
      description: 'Bring an apron.',
      category: 'workshop',
      tags: ['clay', 'art'],
      starts_at: '2030-06-01T10:00:00+05:30',
      ends_at: '2030-06-01T12:30:00+05:30',
      timezone: 'Asia/Kolkata',
      location: { country: 'IN', city: 'Pune' },
      capacity: 12,
      waitlist_enabled: true,
      publish: true,
    });
  });

  it('patches only what changed, moving times with their zone', () => {
    expect(formToPatch(base, { ...base, capacity: '30' })).toEqual({ capacity: 30 });
    expect(formToPatch(base, { ...base, timezone: 'Europe/London' })).toEqual({
      starts_at: '2030-06-01T10:00:00+01:00',
      ends_at: '2030-06-01T12:30:00+01:00',
      timezone: 'Europe/London',
    });
    expect(formToPatch(base, { ...base, venue: 'Hall 2' })).toEqual({
      location: { country: 'IN', city: 'Pune', venue: 'Hall 2' },
    });
  });

  it('never sends an organizer name: the organizer is the logged-in account', () => {
    expect(formToEventIn(base)).not.toHaveProperty('organizer_name');
  });

  it('starts a blank form in the given zone', () => {
    expect(emptyEventForm('Europe/Berlin').timezone).toBe('Europe/Berlin');
    expect(emptyEventForm().country).toBe('');
  });

  it('splits tags on commas', () => {
    expect(parseTags(' a ,b,,a ')).toEqual(['a', 'b']);
  });
});
