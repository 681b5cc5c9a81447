import { lazy, Suspense } from 'react';
import { Loading } from '@/components/Loading';

// The analytics screens carry the chart library; they load when first opened, so the rest of
// the app never downloads it.
const AnalyticsRoute = lazy(() =>
  import('./analytics').then((m) => ({ default: m.AnalyticsRoute })),
);
const EventAnalyticsRoute = lazy(() =>
  import('./event-analytics').then((m) => ({ default: m.EventAnalyticsRoute })),
);

const fallback = <Loading label="Loading the dashboard…" />;

/** /analytics, loaded on demand. */
export function AnalyticsPage() {
  return (
    <Suspense fallback={fallback}>
      <AnalyticsRoute />
    </Suspense>
  );
}

/** /events/:id/analytics, loaded on demand. */
export function EventAnalyticsPage() {
  return (
    <Suspense fallback={fallback}>
      <EventAnalyticsRoute />
    </Suspense>
  );
}
