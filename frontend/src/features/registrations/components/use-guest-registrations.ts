import { useMemo, useSyncExternalStore } from 'react';
import {
  guestRegistrationsSnapshot,
  subscribeGuestRegistrations,
  type GuestRegistration,
} from '@/lib/guest-registrations';

/** The registrations this browser made as a guest for one event, kept in sync with storage. */
export function useGuestRegistrations(eventId: string): GuestRegistration[] {
  const raw = useSyncExternalStore(
    subscribeGuestRegistrations,
    guestRegistrationsSnapshot,
    () => '[]',
  );
  return useMemo(() => {
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed)
        ? (parsed as GuestRegistration[]).filter((r) => r.event_id === eventId)
        : [];
    } catch {
      return [];
    }
  }, [raw, eventId]);
}
