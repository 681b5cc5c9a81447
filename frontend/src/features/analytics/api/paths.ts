// Where the analytics answers live, and the CSV variant of each (`?format=csv`, one row per item
// of the answer's main list; the overview names which list with `table=`).
import { buildUrl, type QueryParams } from '@/lib/api-client';

export const OVERVIEW_PATH = '/analytics/overview';
export const eventAnalyticsPath = (eventId: string) =>
  `/analytics/events/${encodeURIComponent(eventId)}`;

/** The overview's three lists, each downloadable on its own. */
export type OverviewTable = 'by_month' | 'by_category' | 'top_events';

export interface CsvExport {
  /** The API path, without `/api`. */
  path: string;
  params: QueryParams;
  /** What the downloaded file is called. */
  filename: string;
}

export function overviewCsv(query: QueryParams, table: OverviewTable): CsvExport {
  return {
    path: OVERVIEW_PATH,
    params: { ...query, table, format: 'csv' },
    filename: `analytics-${table.replace('_', '-')}.csv`,
  };
}

export function eventCsv(eventId: string): CsvExport {
  return {
    path: eventAnalyticsPath(eventId),
    params: { format: 'csv' },
    filename: `event-${eventId}-daily.csv`,
  };
}

/** The export's URL, as a link shows it (same origin, `/api/...`). */
export const csvHref = (csv: CsvExport) => buildUrl(csv.path, csv.params);
