import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Pagination } from './Pagination';

const noop = () => undefined;

function render(props: Partial<Parameters<typeof Pagination>[0]>): string {
  return renderToStaticMarkup(
    <Pagination page={1} pageSize={20} total={0} onPageChange={noop} {...props} />,
  );
}

/** Whether the button labelled `name` is disabled in the rendered markup. */
function disabled(html: string, name: 'Previous' | 'Next'): boolean {
  const button = html.match(new RegExp(`<button[^>]*>${name}</button>`))?.[0];
  if (button === undefined) throw new Error(`no ${name} button in ${html}`);
  return button.includes('disabled');
}

describe('Pagination', () => {
  it('shows "page X of Y" for an exact total', () => {
    const html = render({ page: 2, total: 45, totalExact: true });
    expect(html).toContain('Page 2 of 3');
    expect(disabled(html, 'Previous')).toBe(false);
    expect(disabled(html, 'Next')).toBe(false);
    expect(disabled(render({ page: 3, total: 45 }), 'Next')).toBe(true);
  });

  it('treats a missing total_exact as exact', () => {
    expect(render({ page: 1, total: 45 })).toContain('Page 1 of 3');
    expect(render({ page: 1, total: 20 })).toBe('');
  });

  it('shows only "page X" when the total is a lower bound', () => {
    const html = render({ page: 2, total: 1000, totalExact: false, itemCount: 20 });
    expect(html).toContain('Page 2<');
    expect(html).not.toContain(' of ');
    expect(disabled(html, 'Next')).toBe(false);
  });

  it('allows "next" past the lower bound while the page is full', () => {
    // Page 50 of 20 ends exactly at the 1,000 counted: more may follow.
    const full = render({ page: 50, total: 1000, totalExact: false, itemCount: 20 });
    expect(full).toContain('Page 50<');
    expect(disabled(full, 'Next')).toBe(false);
    // A short page is the last one.
    const short = render({ page: 51, total: 1020, totalExact: false, itemCount: 7 });
    expect(disabled(short, 'Next')).toBe(true);
    expect(disabled(short, 'Previous')).toBe(false);
  });
});
