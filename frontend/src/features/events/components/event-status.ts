import type { EventOut } from '@/types/api';

export type BadgeKind = 'cancelled' | 'draft' | 'full' | 'waitlist' | 'open';

export interface Badge {
  kind: BadgeKind;
  label: string;
}

/** The status badge a card shows: cancelled and draft win; otherwise full or waitlist or open. */
export function eventBadge(
  event: Pick<EventOut, 'status' | 'seats_left' | 'waitlist_enabled'>,
): Badge {
  if (event.status === 'cancelled') return { kind: 'cancelled', label: 'Cancelled' };
  if (event.status === 'draft') return { kind: 'draft', label: 'Draft' };
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
