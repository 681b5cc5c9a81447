import { describe, expect, it } from 'vitest';
import {
  formatOffset,
  instantToZonedIso,
  isoToZonedLocal,
  isValidTimeZone,
  timeZones,
  zonedLocalToIso,
  zoneOffsetMinutes,
} from './datetime';

describe('zonedLocalToIso', () => {
  it('uses the summer offset of the chosen zone', () => {
    expect(zonedLocalToIso('2025-06-01T10:00', 'Europe/Berlin')).toBe('2025-06-01T10:00:00+02:00');
  });

  it('uses the winter offset of the same zone', () => {
    expect(zonedLocalToIso('2025-01-15T09:30', 'Europe/Berlin')).toBe('2025-01-15T09:30:00+01:00');
  });

  it('handles half-hour and negative offsets', () => {
    expect(zonedLocalToIso('2025-03-10T18:45', 'Asia/Kolkata')).toBe('2025-03-10T18:45:00+05:30');
    expect(zonedLocalToIso('2025-07-04T12:00', 'America/New_York')).toBe(
      '2025-07-04T12:00:00-04:00',
    );
    expect(zonedLocalToIso('2025-12-24T23:59', 'Asia/Kathmandu')).toBe('2025-12-24T23:59:00+05:45');
  });

  it('gives UTC a +00:00 offset and keeps seconds', () => {
    expect(zonedLocalToIso('2025-02-03T04:05:06', 'UTC')).toBe('2025-02-03T04:05:06+00:00');
  });

  it('denotes the right instant', () => {
    const iso = zonedLocalToIso('2025-06-01T10:00', 'Asia/Tokyo');
    expect(new Date(iso).toISOString()).toBe('2025-06-01T01:00:00.000Z');
  });

  it('moves a wall-clock time skipped by a DST jump forward by the gap', () => {
    // Berlin jumps from 02:00 to 03:00 on 2025-03-30; 02:30 does not exist.
    expect(zonedLocalToIso('2025-03-30T02:30', 'Europe/Berlin')).toBe('2025-03-30T03:30:00+02:00');
    // New York jumps from 02:00 to 03:00 on 2025-03-09.
    expect(zonedLocalToIso('2025-03-09T02:15', 'America/New_York')).toBe(
      '2025-03-09T03:15:00-04:00',
    );
  });

  it('takes the earlier instant for an ambiguous time at DST fall-back', () => {
    // Berlin repeats 02:00-03:00 on 2025-10-26; the first pass is still at +02:00.
    expect(zonedLocalToIso('2025-10-26T02:30', 'Europe/Berlin')).toBe('2025-10-26T02:30:00+02:00');
  });

  it('handles the date line (a zone ahead of UTC by more than 12 hours)', () => {
    expect(zonedLocalToIso('2025-01-01T00:00', 'Pacific/Kiritimati')).toBe(
      '2025-01-01T00:00:00+14:00',
    );
  });

  it('rejects bad input', () => {
    expect(() => zonedLocalToIso('2025-06-01', 'UTC')).toThrow(RangeError);
    expect(() => zonedLocalToIso('2025-06-01T10:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('round trips and helpers', () => {
  it('renders an instant in another zone', () => {
    expect(instantToZonedIso('2025-06-01T08:00:00Z', 'Asia/Kolkata')).toBe(
      '2025-06-01T13:30:00+05:30',
    );
  });

  it('turns an ISO instant back into datetime-local wall clock in a zone', () => {
    expect(isoToZonedLocal('2025-06-01T10:00:00+02:00', 'America/Sao_Paulo')).toBe(
      '2025-06-01T05:00',
    );
    const local = '2025-11-02T01:30';
    expect(isoToZonedLocal(zonedLocalToIso(local, 'America/Chicago'), 'America/Chicago')).toBe(
      local,
    );
  });

  it('computes offsets in minutes', () => {
    expect(zoneOffsetMinutes(Date.UTC(2025, 0, 1), 'Asia/Kolkata')).toBe(330);
    expect(zoneOffsetMinutes(Date.UTC(2025, 6, 1), 'America/Los_Angeles')).toBe(-420);
    expect(formatOffset(-570)).toBe('-09:30');
    expect(formatOffset(0)).toBe('+00:00');
  });

  it('lists zones including UTC and any extra', () => {
    const zones = timeZones('Etc/GMT+5');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Etc/GMT+5');
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('Nowhere/Land')).toBe(false);
  });
});
