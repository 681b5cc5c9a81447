import '@/i18n/areas/analytics';
import { useAuth } from '@/features/auth/components/use-auth';
import { OverviewScreen } from '@/features/analytics/components/OverviewScreen';
import { canFilterByOrganizer, isAdmin } from '@/lib/authorization';

/** /analytics, behind RequireAuth for admins, analysts and organizers; loaded on demand. */
export function AnalyticsRoute() {
  const { user } = useAuth();
  return (
    <OverviewScreen
      mayPickOrganizer={canFilterByOrganizer(user)}
      mayListOrganizers={isAdmin(user)}
    />
  );
}
