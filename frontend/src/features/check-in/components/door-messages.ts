import type { TFunction } from 'i18next';
import { isApiError } from '@/lib/api-client';

/** What the door shows after a scan. A refusal keeps only its problem `code`: the words are
 * looked up when shown, so they follow the person's language. */
export type DoorOutcome =
  | { kind: 'checked_in'; registrationId: string; at: string }
  | { kind: 'already'; registrationId: string; at: string }
  | { kind: 'undone'; registrationId: string }
  | { kind: 'queued'; waiting: number }
  | { kind: 'error'; code: string };

/** Problem codes the door explains in its own words (`door.errors.<code>`). */
export const DOOR_ERROR_CODES = [
  'ticket_not_found',
  'not_confirmed',
  'registration_not_active',
  'checked_in_at_out_of_range',
  'not_checked_in',
  'validation_error',
  'forbidden',
  'not_owner',
  'unauthorized',
  'not_found',
  'rate_limited',
  'busy',
  'unavailable',
] as const;

const known = new Set<string>(DOOR_ERROR_CODES);

/** The problem in plain words for the person at the door; the server's English text is never
 * shown: a code the door does not know gets the general "try again". */
export function doorErrorMessage(t: TFunction, code: string | undefined): string {
  return code && known.has(code) ? t(`door.errors.${code}`) : t('door.errors.unknown');
}

export function errorOutcome(error: unknown): DoorOutcome {
  return { kind: 'error', code: isApiError(error) ? error.code : 'error' };
}

export const waitingLabel = (t: TFunction, count: number) => t('door.queue.waiting', { count });
