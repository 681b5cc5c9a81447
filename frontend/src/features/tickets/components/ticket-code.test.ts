import { describe, expect, it } from 'vitest';
import { groupTicketCode, svgDataUrl } from './ticket-code';

describe('ticket code', () => {
  it('shows the code in groups of four', () => {
    expect(groupTicketCode('K3QZ7XWB2M4TJ6PA')).toBe('K3QZ 7XWB 2M4T J6PA');
    expect(groupTicketCode('k3qz-7xwb 2m4t-j6pa')).toBe('K3QZ 7XWB 2M4T J6PA');
  });

  it('turns the SVG into an image address, markup escaped', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>');
    expect(url.startsWith('data:image/svg+xml;utf8,%3Csvg')).toBe(true);
    expect(url).not.toContain('<');
    expect(decodeURIComponent(url).match(/xmlns=/g)).toHaveLength(1);
  });

  it('adds the SVG namespace an inline-style SVG leaves out', () => {
    const url = svgDataUrl('<svg width="150" height="150" class="segno"><path d="M2 2h7"/></svg>');
    expect(decodeURIComponent(url)).toContain(
      '<svg xmlns="http://www.w3.org/2000/svg" width="150"',
    );
  });
});
