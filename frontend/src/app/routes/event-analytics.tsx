import '@/i18n/areas/analytics';
import { useParams } from 'react-router';
import { useAuth } from '@/features/auth/components/use-auth';
import { EventAnalyticsScreen } from '@/features/analytics/components/EventAnalyticsScreen';

/** /events/:id/analytics; the server decides ownership (403 `not_owner`), the page says so. */
export function EventAnalyticsRoute() {
  const id = useParams().id ?? '';
  const { user } = useAuth();
  return <EventAnalyticsScreen key={id} eventId={id} user={user} />;
}
