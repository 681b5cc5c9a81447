import { Loading } from '@/components/Loading';
import { ChangePasswordForm } from '@/features/auth/components/ChangePasswordForm';
import { EmailVerification } from '@/features/auth/components/EmailVerification';
import { NotificationSwitches } from '@/features/auth/components/NotificationSwitches';
import { ProfileForm } from '@/features/auth/components/ProfileForm';
import { useAuth } from '@/features/auth/components/use-auth';
import { CalendarFeedPanel } from '@/features/calendar/components/CalendarFeedPanel';
import { useT } from '@/i18n';

/** /me, behind RequireAuth. */
export function ProfileRoute() {
  const t = useT();
  const { user } = useAuth();
  if (!user) return <Loading />;
  return (
    <>
      <title>{`${t('auth.profile.heading')} · EventConnect`}</title>
      <h1>{t('auth.profile.heading')}</h1>
      <EmailVerification user={user} />
      <ProfileForm user={user} />
      <NotificationSwitches user={user} />
      <ChangePasswordForm user={user} />
      <CalendarFeedPanel />
    </>
  );
}
