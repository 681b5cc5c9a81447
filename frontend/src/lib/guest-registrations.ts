// Guests have no account, so the browser remembers their registrations (and the cancel token
// that proves them) in localStorage.

const KEY = 'eventconnect.guestRegistrations';

export interface GuestRegistration {
  event_id: string;
  registration_id: string;
  cancel_token: string;
  name: string;
  email: string;
  status: 'confirmed' | 'waitlisted';
  waitlist_position: number | null;
  registered_at: string;
}

function read(): GuestRegistration[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as GuestRegistration[]) : [];
  } catch {
    return [];
  }
}

function write(items: GuestRegistration[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(items));
  } catch {
    // Private mode or a full quota: the registration still happened; only the shortcut is lost.
  }
  window.dispatchEvent(new Event(KEY));
}

export function guestRegistrationsFor(eventId: string): GuestRegistration[] {
  return read().filter((r) => r.event_id === eventId);
}

export function saveGuestRegistration(registration: GuestRegistration): void {
  write([
    ...read().filter((r) => r.registration_id !== registration.registration_id),
    registration,
  ]);
}

export function removeGuestRegistration(registrationId: string): void {
  write(read().filter((r) => r.registration_id !== registrationId));
}

/** Calls `listener` when this tab or another one changes the stored registrations. */
export function subscribeGuestRegistrations(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener(KEY, listener);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(KEY, listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** A stable snapshot for useSyncExternalStore: the raw stored string. */
export function guestRegistrationsSnapshot(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '[]';
  } catch {
    return '[]';
  }
}
