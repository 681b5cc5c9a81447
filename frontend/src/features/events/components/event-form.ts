import { browserTimeZone, isoToZonedLocal, zonedLocalToIso } from '@/lib/datetime';
import {
  isCategory,
  type Category,
  type EventIn,
  type EventOut,
  type EventPatch,
} from '@/types/api';

/** What the create/edit form holds: strings as the inputs give them. */
export interface EventFormValues {
  title: string;
  description: string;
  category: Category;
  tags: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  country: string;
  city: string;
  venue: string;
  onlineUrl: string;
  capacity: string;
  waitlistEnabled: boolean;
  publish: boolean;
}

/** A blank form; the zone defaults to the person's (their profile's, else the browser's). */
export function emptyEventForm(timezone: string = browserTimeZone()): EventFormValues {
  return {
    title: '',
    description: '',
    category: 'workshop',
    tags: '',
    startsAt: '',
    endsAt: '',
    timezone,
    country: '',
    city: '',
    venue: '',
    onlineUrl: '',
    capacity: '20',
    waitlistEnabled: true,
    publish: true,
  };
}

export function eventToForm(event: EventOut): EventFormValues {
  return {
    title: event.title,
    description: event.description,
    // The write side only accepts known categories, so the fallback is never expected to show.
    category: isCategory(event.category) ? event.category : 'other',
    tags: event.tags.join(', '),
    startsAt: isoToZonedLocal(event.starts_at, event.timezone),
    endsAt: isoToZonedLocal(event.ends_at, event.timezone),
    timezone: event.timezone,
    country: event.location.country,
    city: event.location.city,
    venue: event.location.venue ?? '',
    onlineUrl: event.location.online_url ?? '',
    capacity: String(event.capacity),
    waitlistEnabled: event.waitlist_enabled,
    publish: event.status !== 'draft',
  };
}

export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return Array.from(new Set(tags));
}

/** Form values -> EventIn, times as ISO 8601 with the offset of the chosen zone. */
export function formToEventIn(values: EventFormValues): EventIn {
  const venue = values.venue.trim();
  const onlineUrl = values.onlineUrl.trim();
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    category: values.category,
    tags: parseTags(values.tags),
    starts_at: zonedLocalToIso(values.startsAt, values.timezone),
    ends_at: zonedLocalToIso(values.endsAt, values.timezone),
    timezone: values.timezone,
    location: {
      country: values.country.trim().toUpperCase(),
      city: values.city.trim(),
      ...(venue ? { venue } : {}),
      ...(onlineUrl ? { online_url: onlineUrl } : {}),
    },
    capacity: Number(values.capacity),
    waitlist_enabled: values.waitlistEnabled,
    publish: values.publish,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The PATCH body for an edit: only what changed (times and zone travel together). */
export function formToPatch(initial: EventFormValues, values: EventFormValues): EventPatch {
  const before = formToEventIn(initial);
  const after = formToEventIn(values);
  const patch: EventPatch = {};
  if (!same(before.title, after.title)) patch.title = after.title;
  if (!same(before.description, after.description)) patch.description = after.description;
  if (!same(before.category, after.category)) patch.category = after.category;
  if (!same(before.tags, after.tags)) patch.tags = after.tags;
  if (
    !same(before.starts_at, after.starts_at) ||
    !same(before.ends_at, after.ends_at) ||
    !same(before.timezone, after.timezone)
  ) {
    patch.starts_at = after.starts_at;
    patch.ends_at = after.ends_at;
    patch.timezone = after.timezone;
  }
  if (!same(before.location, after.location)) patch.location = after.location;
  if (!same(before.capacity, after.capacity)) patch.capacity = after.capacity;
  if (!same(before.waitlist_enabled, after.waitlist_enabled)) {
    patch.waitlist_enabled = after.waitlist_enabled;
  }
  return patch;
}
