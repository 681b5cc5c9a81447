import type { EventOut } from '@/types/api';

export type BadgeKind = 'cancelled' | 'draft' | 'ended' | 'full' | 'waitlist' | 'open';

export interface Badge {
  kind: BadgeKind;
  label: string;
}

export type BadgeEvent = Pick<EventOut, 'status' | 'seats_left' | 'waitlist_enabled'> &
  Partial<Pick<EventOut, 'ends_at'>>;

/**
 * The status badge a card shows: cancelled and draft win, then an event that is over (when
 * `ends_at` is known); otherwise full or waitlist or open.
 */
export function eventBadge(event: BadgeEvent, now: number = Date.now()): Badge {
  if (event.status === 'cancelled') return { kind: 'cancelled', label: 'Cancelled' };
  if (event.status === 'draft') return { kind: 'draft', label: 'Draft' };
  if (event.ends_at && Date.parse(event.ends_at) < now) return { kind: 'ended', label: 'Ended' };
  if (event.seats_left <= 0) {
    return event.waitlist_enabled
      ? { kind: 'waitlist', label: 'Waitlist' }
      : { kind: 'full', label: 'Full' };
  }
  return { kind: 'open', label: 'Open' };
}

export const CATEGORY_LABELS: Record<string, string> = {
  workshop: 'Workshop',
  seminar: 'Seminar',
  volunteer: 'Volunteer',
  fundraiser: 'Fundraiser',
  social: 'Social',
  other: 'Other',
};
