import { describe, expect, it } from 'vitest';
import { ApiError, problemFromBody } from '@/lib/api-client';
import { MemoryStorage } from '@/test/memory-storage';
import type { ScanIn, ScanOut } from '@/types/api';
import {
  enqueueScan,
  flushQueue,
  isNetworkFailure,
  queueKey,
  readQueue,
  type QueuedScan,
} from './offline-queue';

const EVENT = 'e1';
const scan = (code: string, at = '2030-05-01T18:04:00.000Z'): QueuedScan => ({
  ticket_code: code,
  checked_in_at: at,
});
const answer = (already = false): ScanOut => ({
  registration_id: 'r1',
  checked_in_at: '2030-05-01T18:04:00+00:00',
  already_checked_in: already,
  position: 7,
});
const networkError = () =>
  problemFromBody(0, { title: 'Network error', detail: 'offline', code: 'network_error' });
const problem = (status: number, code: string) =>
  problemFromBody(status, { title: 'No', detail: `refused: ${code}`, code });

describe('offline check-in queue', () => {
  it('keeps scans per event, in order, and a code once', () => {
    const storage = new MemoryStorage();
    enqueueScan(storage, EVENT, scan('AAAA BBBB CCCC DDDD'));
    enqueueScan(storage, EVENT, scan('EEEEFFFFGGGGHHHH', '2030-05-01T18:05:00.000Z'));
    enqueueScan(storage, EVENT, scan('aaaa-bbbb-cccc-dddd', '2030-05-01T18:06:00.000Z'));
    enqueueScan(storage, 'other', scan('ZZZZ'));
    expect(readQueue(storage, EVENT).map((s) => s.ticket_code)).toEqual([
      'AAAA BBBB CCCC DDDD',
      'EEEEFFFFGGGGHHHH',
    ]);
    expect(readQueue(storage, 'other')).toHaveLength(1);
  });

  it('reads a damaged entry as an empty queue', () => {
    const storage = new MemoryStorage();
    storage.setItem(queueKey(EVENT), '{not json');
    expect(readQueue(storage, EVENT)).toEqual([]);
    storage.setItem(queueKey(EVENT), JSON.stringify([{ ticket_code: 1 }, scan('OK')]));
    expect(readQueue(storage, EVENT)).toEqual([scan('OK')]);
  });

  it('resends each scan with its original time and empties the queue', async () => {
    const storage = new MemoryStorage();
    enqueueScan(storage, EVENT, scan('AAAA', '2030-05-01T18:04:00.000Z'));
    enqueueScan(storage, EVENT, scan('BBBB', '2030-05-01T18:05:00.000Z'));
    enqueueScan(storage, EVENT, scan('CCCC', '2030-05-01T18:06:00.000Z'));
    const sent: ScanIn[] = [];
    const results = await flushQueue(
      storage,
      EVENT,
      (body) => {
        sent.push(body);
        if (body.ticket_code === 'BBBB') return Promise.resolve(answer(true));
        if (body.ticket_code === 'CCCC') return Promise.reject(problem(404, 'ticket_not_found'));
        return Promise.resolve(answer());
      },
      () => true,
    );
    expect(sent).toEqual([
      { ticket_code: 'AAAA', checked_in_at: '2030-05-01T18:04:00.000Z' },
      { ticket_code: 'BBBB', checked_in_at: '2030-05-01T18:05:00.000Z' },
      { ticket_code: 'CCCC', checked_in_at: '2030-05-01T18:06:00.000Z' },
    ]);
    expect(results.map((r) => [r.ticket_code, r.outcome, r.code])).toEqual([
      ['AAAA', 'checked_in', undefined],
      ['BBBB', 'already_checked_in', undefined],
      ['CCCC', 'refused', 'ticket_not_found'],
    ]);
    expect(readQueue(storage, EVENT)).toEqual([]);
    expect(storage.getItem(queueKey(EVENT))).toBeNull();
  });

  it('stops at the first network failure and keeps the rest', async () => {
    const storage = new MemoryStorage();
    enqueueScan(storage, EVENT, scan('AAAA'));
    enqueueScan(storage, EVENT, scan('BBBB'));
    enqueueScan(storage, EVENT, scan('CCCC'));
    const results = await flushQueue(
      storage,
      EVENT,
      (body) =>
        body.ticket_code === 'AAAA' ? Promise.resolve(answer()) : Promise.reject(networkError()),
      () => true,
    );
    expect(results.map((r) => r.ticket_code)).toEqual(['AAAA']);
    expect(readQueue(storage, EVENT).map((s) => s.ticket_code)).toEqual(['BBBB', 'CCCC']);
  });

  it('tells a network failure from a refusal', () => {
    expect(isNetworkFailure(networkError(), true)).toBe(true);
    expect(isNetworkFailure(new TypeError('Failed to fetch'), true)).toBe(true);
    expect(isNetworkFailure(problem(409, 'not_confirmed'), true)).toBe(false);
    expect(isNetworkFailure(problem(409, 'not_confirmed'), false)).toBe(false);
    expect(isNetworkFailure(new Error('?'), false)).toBe(true);
    expect(problem(409, 'x')).toBeInstanceOf(ApiError);
  });
});
