import { describe, expect, it } from 'vitest';
import { csvHref, eventCsv, overviewCsv } from './paths';

describe('CSV exports', () => {
  it('carry the current filters, the table asked for and format=csv', () => {
    const csv = overviewCsv(
      { category: 'social', from: '2027-01-01', to: undefined },
      'top_events',
    );
    expect(csvHref(csv)).toBe(
      '/api/analytics/overview?category=social&from=2027-01-01&table=top_events&format=csv',
    );
    expect(csv.filename).toBe('analytics-top-events.csv');
    expect(csvHref(overviewCsv({}, 'by_month'))).toBe(
      '/api/analytics/overview?table=by_month&format=csv',
    );
  });

  it("give one event's daily rows, its id escaped in the path", () => {
    expect(csvHref(eventCsv('a/b'))).toBe('/api/analytics/events/a%2Fb?format=csv');
  });
});
