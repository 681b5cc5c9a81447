import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RatingsPage } from '../api/types';
import { RatingSummary } from './RatingSummary';
import { StarInput } from './StarInput';

const noop = () => undefined;

/** The five radio buttons' attributes, in order. */
function radios(html: string) {
  return Array.from(html.matchAll(/<button[^>]*role="radio"[^>]*>/g), ([tag]) => ({
    checked: tag.includes('aria-checked="true"'),
    tabbable: tag.includes('tabindex="0"'),
    label: /aria-label="([^"]+)"/.exec(tag)?.[1],
  }));
}

describe('StarInput', () => {
  it('is a labelled radio group of five named stars', () => {
    const html = renderToStaticMarkup(
      <StarInput id="s" label="Stars" value={null} onChange={noop} />,
    );
    expect(html).toContain('role="radiogroup"');
    expect(html).toContain('aria-labelledby="s-label"');
    expect(radios(html).map((r) => r.label)).toEqual([
      '1 star',
      '2 stars',
      '3 stars',
      '4 stars',
      '5 stars',
    ]);
  });

  it('lets Tab reach only the chosen star (the first when none is)', () => {
    const none = radios(
      renderToStaticMarkup(<StarInput id="s" label="Stars" value={null} onChange={noop} />),
    );
    expect(none.map((r) => r.tabbable)).toEqual([true, false, false, false, false]);
    expect(none.some((r) => r.checked)).toBe(false);
    const four = radios(
      renderToStaticMarkup(<StarInput id="s" label="Stars" value={4} onChange={noop} />),
    );
    expect(four.map((r) => r.tabbable)).toEqual([false, false, false, true, false]);
    expect(four.map((r) => r.checked)).toEqual([false, false, false, true, false]);
  });
});

describe('RatingSummary', () => {
  const ratings: RatingsPage = {
    average: 4.5,
    count: 2,
    distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 },
    items: [],
    total: 2,
    page: 1,
    page_size: 10,
  };
  it('shows the average, the count and a bar per score', () => {
    const html = renderToStaticMarkup(<RatingSummary ratings={ratings} />);
    expect(html).toContain('data-count="2"');
    expect(html).toContain('>4.5<');
    expect(html).toContain('from 2 ratings');
    expect(html.match(/rating-bars__row/g)).toHaveLength(5);
    expect(html).toContain('width:50%');
  });
  it('says so when nobody has rated', () => {
    const html = renderToStaticMarkup(
      <RatingSummary ratings={{ ...ratings, average: null, count: 0, distribution: {} }} />,
    );
    expect(html).toContain('No ratings yet.');
    expect(html).toContain('data-count="0"');
  });
});
