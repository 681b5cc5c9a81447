// Time-zone helpers on the Intl APIs only. The API wants ISO 8601 instants with an offset; forms
// give wall-clock `YYYY-MM-DDTHH:mm` (datetime-local) plus an IANA zone chosen next to them.

import { formatDateTimeIn } from '@/i18n/format';
import { currentSettings } from '@/i18n/settings';

const MINUTE = 60_000;
const DAY = 86_400_000;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone this browser knows, with `extra` zones (e.g. the browser's own) kept in. */
export function timeZones(...extra: string[]): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return Array.from(new Set([...known, 'UTC', ...extra.filter(Boolean)])).sort();
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, zone: string): WallClock {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

function wallClockAsUtc(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of `zone` from UTC at `instant`, in minutes (Asia/Kolkata -> 330). */
export function zoneOffsetMinutes(instant: number, zone: string): number {
  const floored = Math.floor(instant / 1000) * 1000;
  return Math.round((wallClockAsUtc(wallClock(floored, zone)) - floored) / MINUTE);
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatWallClock(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/**
 * `("2025-06-01T10:00", "Europe/Berlin")` -> `"2025-06-01T10:00:00+02:00"`.
 * Ambiguous wall-clock times (DST fall-back) take the earlier instant; times skipped by a DST
 * jump move forward by the gap, like Temporal's "compatible" disambiguation.
 */
export function zonedLocalToIso(local: string, zone: string): string {
  const match = LOCAL_RE.exec(local.trim());
  if (!match) throw new RangeError(`Not a local date-time: "${local}"`);
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: "${zone}"`);
  const [y, mo, d, h, mi, s] = match.slice(1).map((part: string | undefined) => Number(part ?? 0));
  const w: WallClock = {
    year: y ?? 0,
    month: mo ?? 1,
    day: d ?? 1,
    hour: h ?? 0,
    minute: mi ?? 0,
    second: s ?? 0,
  };
  const asUtc = wallClockAsUtc(w);
  const before = zoneOffsetMinutes(asUtc - DAY, zone);
  const after = zoneOffsetMinutes(asUtc + DAY, zone);
  const valid = [before, after]
    .map((offset) => asUtc - offset * MINUTE)
    .filter((instant) => wallClockAsUtc(wallClock(instant, zone)) === asUtc)
    .sort((a, b) => a - b);
  // In a gap no instant matches: read the wall clock with the offset in force before the jump.
  const instant = valid[0] ?? asUtc - before * MINUTE;
  return instantToZonedIso(instant, zone);
}

/** An instant (ms or ISO string) rendered as ISO 8601 in `zone`, with that zone's offset. */
export function instantToZonedIso(instant: number | string, zone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: "${String(instant)}"`);
  const floored = Math.floor(ms / 1000) * 1000;
  return `${formatWallClock(wallClock(floored, zone))}${formatOffset(zoneOffsetMinutes(floored, zone))}`;
}

/** ISO instant -> `YYYY-MM-DDTHH:mm` wall clock in `zone`, for a datetime-local input. */
export function isoToZonedLocal(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return formatWallClock(wallClock(ms, zone)).slice(0, 16);
}

/**
 * Human display in the person's language and zone (or `zone`), e.g. "Sat, 14 Jun 2025, 18:30
 * CEST". Components prefer `useFormat()` from `@/i18n/use-format`, which re-renders on a change.
 */
export function formatDateTime(iso: string, zone?: string, locale?: string): string {
  const settings = currentSettings();
  return formatDateTimeIn(iso, {
    locale: locale ?? settings.locale,
    timeZone: zone ?? settings.timeZone,
  });
}
