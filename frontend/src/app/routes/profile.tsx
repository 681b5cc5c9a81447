import { Loading } from '@/components/Loading';
import { EmailVerification } from '@/features/auth/components/EmailVerification';
import { NotificationSwitches } from '@/features/auth/components/NotificationSwitches';
import { ProfileForm } from '@/features/auth/components/ProfileForm';
import { useAuth } from '@/features/auth/components/use-auth';
import { CalendarFeedPanel } from '@/features/calendar/components/CalendarFeedPanel';

/** /me, behind RequireAuth. */
export function ProfileRoute() {
  const { user } = useAuth();
  if (!user) return <Loading />;
  return (
    <>
      <title>Your profile · EventConnect</title>
      <h1>Your profile</h1>
      <EmailVerification user={user} />
      <ProfileForm user={user} />
      <NotificationSwitches user={user} />
      <CalendarFeedPanel />
    </>
  );
}
