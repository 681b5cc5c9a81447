import { api } from '@/lib/api-client';
import type { CsvExport } from './paths';

/**
 * Fetches an export with the tab's bearer token (a plain link would go without it, and the
 * analytics are not public) and hands it to the browser as a file download.
 */
export async function downloadCsv(csv: CsvExport): Promise<void> {
  const body = await api.get<unknown>(csv.path, {
    params: csv.params,
    headers: { Accept: 'text/csv' },
  });
  if (typeof body !== 'string') throw new Error('The server did not answer with a CSV file.');
  const url = URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = csv.filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click the browser holds its own reference; revoking later keeps Safari happy.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
