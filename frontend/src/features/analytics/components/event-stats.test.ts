import '@/i18n/areas/analytics';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import type { AnalyticsOverview, EventAnalytics } from '../api/types';
import { analyticsFormat } from './analytics-format';
import { eventCountStats, eventRateStats, scoreRows } from './event-stats';
import { overviewStats } from './overview-stats';

const event: EventAnalytics = {
  event_id: '0d5c6f0e-7f55-4d53-9a43-5b0b1c3f9a11',
  title: 'Intro to bike repair',
  starts_at: '2030-05-01T18:00:00+05:30',
  ends_at: '2030-05-01T20:00:00+05:30',
  timezone: 'Asia/Kolkata',
  status: 'published',
  category: 'workshop',
  country: 'IN',
  organizer_id: '5b0b1c3f-0d5c-4d53-9a43-7f55a11f9a11',
  capacity: 2,
  registrations: 4,
  cancellations: 1,
  waitlist_joins: 2,
  promotions: 1,
  confirmed: 2,
  checked_in: 1,
  attendance_rate: 0.5,
  no_show_rate: null,
  waitlist_conversion_rate: 0.5,
  // 04:45 UTC is 10:15 in Kolkata: the card shows the event's wall clock.
  sold_out_at: '2030-04-20T04:45:00+00:00',
  rating_avg: null,
  rating_count: 0,
  rating_distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
  daily: [],
};

const en = analyticsFormat(i18n.getFixedT('en'), 'en-GB');
const de = analyticsFormat(i18n.getFixedT('de'), 'de');

const value = (stats: { id: string; value: string }[], id: string) =>
  stats.find((s) => s.id === id)?.value;

describe("one event's cards", () => {
  it('shows the counts and the seats they are of', () => {
    const stats = eventCountStats(event, en);
    expect(stats.map((s) => s.value)).toEqual(['4', '1', '2', '1', '2', '1']);
    expect(stats.find((s) => s.id === 'confirmed')?.note).toBe('of 2 seats');
    expect(eventCountStats({ ...event, capacity: 1 }, en)[4]?.note).toBe('of 1 seat');
  });

  it('speaks German, with German plurals', () => {
    const stats = eventCountStats({ ...event, capacity: 1200 }, de);
    expect(stats[0]?.label).toBe('Anmeldungen');
    expect(stats.find((s) => s.id === 'confirmed')?.note).toBe('von 1.200 Plätzen');
    const rates = eventRateStats({ ...event, rating_avg: 4.25, rating_count: 1 }, de);
    expect(value(rates, 'attendance-rate')).toBe('50\u00a0%');
    expect(value(rates, 'rating')).toBe('4,3');
    expect(rates.find((s) => s.id === 'rating')?.note).toBe('aus 1 Bewertung');
    expect(rates.find((s) => s.id === 'no-show-rate')?.note).toBe(
      'sobald die Veranstaltung vorbei ist',
    );
  });

  it('shows null rates as a dash with the reason, and sold-out in the event zone', () => {
    const stats = eventRateStats(event, en);
    expect(value(stats, 'attendance-rate')).toBe('50%');
    expect(value(stats, 'no-show-rate')).toBe('—');
    expect(stats.find((s) => s.id === 'no-show-rate')?.note).toBe('once the event has ended');
    expect(value(stats, 'rating')).toBe('—');
    expect(value(stats, 'sold-out-at')).toMatch(/10:15/);
    expect(value(eventRateStats({ ...event, sold_out_at: null }, en), 'sold-out-at')).toBe('—');
  });
});

describe('the score table', () => {
  it('lists 5 down to 1 with shares, missing scores as 0', () => {
    expect(scoreRows({ '5': 3, '4': 1 })).toEqual([
      { score: 5, count: 3, share: 0.75 },
      { score: 4, count: 1, share: 0.25 },
      { score: 3, count: 0, share: 0 },
      { score: 2, count: 0, share: 0 },
      { score: 1, count: 0, share: 0 },
    ]);
  });
  it('has no shares without ratings', () => {
    expect(scoreRows({}).every((row) => row.count === 0 && row.share === null)).toBe(true);
  });
});

describe('the overview cards', () => {
  it('shows every total, with a dash where there is no rate yet', () => {
    const overview: AnalyticsOverview = {
      events: 2,
      registrations: 1234,
      cancellations: 1,
      unique_attendees: 5,
      repeat_attendees: 1,
      attendance_rate: null,
      rating_avg: 4.25,
      by_month: [],
      by_category: [],
      top_events: [],
    };
    expect(overviewStats(overview, en).map((s) => [s.id, s.value])).toEqual([
      ['events', '2'],
      ['registrations', '1,234'],
      ['cancellations', '1'],
      ['unique-attendees', '5'],
      ['repeat-attendees', '1'],
      ['attendance-rate', '—'],
      ['rating', '4.3'],
    ]);
    expect(overviewStats(overview, de).map((s) => s.value)).toEqual([
      '2',
      '1.234',
      '1',
      '5',
      '1',
      '—',
      '4,3',
    ]);
    expect(overviewStats(overview, de)[0]?.label).toBe('Veranstaltungen');
  });
});
