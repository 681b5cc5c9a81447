import { describe, expect, it } from 'vitest';
import { formatTooltipCount, tooltipLabelFrom } from './tooltip';

describe('chart tooltips', () => {
  it('write counts as the tables do', () => {
    expect(formatTooltipCount(1234)).toBe('1,234');
    expect(formatTooltipCount('7')).toBe('7');
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
