import { isApiError } from '@/lib/api-client';

/** What the door shows after a scan. */
export type DoorOutcome =
  | { kind: 'checked_in'; registrationId: string; at: string }
  | { kind: 'already'; registrationId: string; at: string }
  | { kind: 'undone'; registrationId: string }
  | { kind: 'queued'; waiting: number }
  | { kind: 'error'; code: string; message: string };

const MESSAGES: Record<string, string> = {
  ticket_not_found: 'No ticket of this event has that code. Check it and try again.',
  not_confirmed: 'This registration is on the waitlist, not confirmed: it has no seat yet.',
  registration_not_active: 'This registration was cancelled: the ticket is no longer valid.',
  checked_in_at_out_of_range:
    'This offline scan is too old (over 7 days) or in the future, so it was not recorded.',
  not_checked_in: 'This attendee is not checked in, so there is nothing to undo.',
  validation_error: 'That does not look like a ticket code. Codes have 16 letters and digits.',
  forbidden: 'Only the organizer of this event or an admin can check people in.',
  not_owner: 'Only the organizer of this event or an admin can check people in.',
  unauthorized: 'Your session has ended. Log in again to keep checking people in.',
  not_found: 'This event or registration no longer exists.',
  rate_limited: 'Too many scans at once. Wait a moment and try again.',
  busy: 'The server is busy. Try this ticket again in a moment.',
  unavailable: 'The server is busy. Try this ticket again in a moment.',
};

/** The problem in plain words for the person at the door (the server's detail otherwise). */
export function doorErrorMessage(code: string | undefined, fallback?: string): string {
  return (code && MESSAGES[code]) || fallback || 'Something went wrong. Try again.';
}

export function errorOutcome(error: unknown): DoorOutcome {
  const code = isApiError(error) ? error.code : 'error';
  const fallback = error instanceof Error ? error.message : undefined;
  return { kind: 'error', code, message: doorErrorMessage(code, fallback) };
}

export const waitingLabel = (n: number) => (n === 1 ? '1 scan waiting' : `${n} scans waiting`);
