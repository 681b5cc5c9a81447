// Scans made while the door has no connection wait in localStorage (one list per event) with
// the time they were made, and go to the server in order once it is reachable again; the
// server keeps the earliest scan of a ticket, so a resent scan never moves a check-in later.
import { isApiError } from '@/lib/api-client';
import type { ScanIn, ScanOut } from '@/types/api';

export interface QueuedScan {
  ticket_code: string;
  /** ISO instant of the scan itself, not of its sending. */
  checked_in_at: string;
}

export interface FlushResult {
  ticket_code: string;
  checked_in_at: string;
  /** What the server made of it: a check-in, a repeat, or a refusal (its problem `code`). */
  outcome: 'checked_in' | 'already_checked_in' | 'refused';
  code?: string;
  message?: string;
}

export const queueKey = (eventId: string) => `eventconnect.checkInQueue.${eventId}`;

function isQueuedScan(value: unknown): value is QueuedScan {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.ticket_code === 'string' && typeof v.checked_in_at === 'string';
}

export function readQueue(storage: Storage, eventId: string): QueuedScan[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(queueKey(eventId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isQueuedScan) : [];
  } catch {
    return [];
  }
}

function writeQueue(storage: Storage, eventId: string, scans: QueuedScan[]): void {
  if (scans.length === 0) storage.removeItem(queueKey(eventId));
  else storage.setItem(queueKey(eventId), JSON.stringify(scans));
}

/** Adds a scan (the same code twice is kept once: its first time wins anyway). */
export function enqueueScan(storage: Storage, eventId: string, scan: QueuedScan): QueuedScan[] {
  const queue = readQueue(storage, eventId);
  const same = (q: QueuedScan) => normalizeCode(q.ticket_code) === normalizeCode(scan.ticket_code);
  const next = queue.some(same) ? queue : [...queue, scan];
  writeQueue(storage, eventId, next);
  return next;
}

/** The server ignores case, spaces and dashes; so does the queue when it compares codes. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** A failure to reach the server at all (as opposed to an answer refusing the scan). */
export function isNetworkFailure(error: unknown, online: boolean = navigatorOnline()): boolean {
  // An answer (any status) means the server was reached, whatever navigator.onLine says.
  if (isApiError(error)) return error.code === 'network_error';
  return error instanceof TypeError || !online;
}

function navigatorOnline(): boolean {
  return typeof navigator === 'undefined' ? true : navigator.onLine;
}

/**
 * Sends the waiting scans in order. Each answered one (accepted or refused) leaves the queue;
 * on the first network failure the rest stay for the next try.
 */
export async function flushQueue(
  storage: Storage,
  eventId: string,
  send: (scan: ScanIn) => Promise<ScanOut>,
  online?: () => boolean,
): Promise<FlushResult[]> {
  const results: FlushResult[] = [];
  for (const scan of readQueue(storage, eventId)) {
    let result: FlushResult;
    try {
      const answer = await send({
        ticket_code: scan.ticket_code,
        checked_in_at: scan.checked_in_at,
      });
      result = {
        ...scan,
        outcome: answer.already_checked_in ? 'already_checked_in' : 'checked_in',
      };
    } catch (error) {
      if (isNetworkFailure(error, online ? online() : navigatorOnline())) break;
      result = {
        ...scan,
        outcome: 'refused',
        code: isApiError(error) ? error.code : undefined,
        message: error instanceof Error ? error.message : undefined,
      };
    }
    results.push(result);
    // Re-read: a scan queued meanwhile (another tab, a fresh offline scan) must not be lost.
    writeQueue(
      storage,
      eventId,
      readQueue(storage, eventId).filter(
        (q) => !(q.ticket_code === scan.ticket_code && q.checked_in_at === scan.checked_in_at),
      ),
    );
  }
  return results;
}
