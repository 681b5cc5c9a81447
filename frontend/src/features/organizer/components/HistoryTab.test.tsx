import { QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import { currentSettings } from '@/i18n/settings';
import type { HistoryEntry } from '@/types/api';
import { getHistoryQueryOptions } from '../api/get-history';
import { HistoryTab } from './HistoryTab';

const promoted: HistoryEntry = {
  position: 42,
  type: 'registration.cancelled',
  occurred_at: '2030-04-02T11:00:00+00:00',
  actor: '0d5c6f0e-7f55-4d53-9a43-5b0b1c3f9a11',
  data: { registration_id: 'r1', was: 'confirmed', promoted_registration_id: 'r2' },
  summary: 'Asha Rao was promoted from waitlist position 1 because Ben Li cancelled',
};

/** Renders the tab with the first page of history already cached, as the API sent it. */
function render(items: HistoryEntry[]): string {
  const client = createQueryClient();
  const params = { as_of: undefined, page: 1, page_size: 50 };
  // Cached under the language the tab asks in (the UI's own).
  const language = currentSettings().language;
  client.setQueryData(getHistoryQueryOptions('e1', params, language).queryKey, {
    items,
    total: items.length,
    page: 1,
    page_size: 50,
  });
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <HistoryTab eventId="e1" />
    </QueryClientProvider>,
  );
}

describe('HistoryTab', () => {
  it('leads each entry with its plain-words summary, the type as a small label', () => {
    const html = render([promoted]);
    expect(html).toContain(
      '<p class="timeline__summary">Asha Rao was promoted from waitlist position 1 because Ben Li cancelled</p>',
    );
    expect(html).toContain('<small data-testid="history-type">registration.cancelled</small>');
    expect(html).toContain('dateTime="2030-04-02T11:00:00+00:00"');
  });

  it('never shows the raw actor id as the line', () => {
    const html = render([promoted]);
    expect(html).not.toContain(`by ${promoted.actor}`);
  });
});
