import { describe, expect, it } from 'vitest';
import { tooltipCount, tooltipLabelFrom } from './tooltip';

describe('chart tooltips', () => {
  it('write counts as the tables do, in the person’s language', () => {
    expect(tooltipCount('en-GB')(1234)).toBe('1,234');
    expect(tooltipCount('de')(1234)).toBe('1.234');
    expect(tooltipCount('en-GB')('7')).toBe('7');
  });

  it('head the tooltip with the datum’s full label, not the shortened axis one', () => {
    const label = tooltipLabelFrom('month');
    expect(label('Jan ’26', [{ payload: { label: 'Jan ’26', month: 'Jan 2026' } }])).toBe(
      'Jan 2026',
    );
    expect(label('x', [])).toBe('');
    expect(label('x', [{ payload: { month: 3 } }])).toBe('');
  });
});
