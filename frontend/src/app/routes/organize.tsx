import '@/i18n/areas/organizer';
import { Link } from 'react-router';
import { MyEventsHome } from '@/features/organizer/components/MyEventsHome';
import { useT } from '@/i18n';

/** /organize, for organizers and admins (admins see every organizer's events). */
export function OrganizeRoute() {
  const t = useT();
  return (
    <>
      <title>{t('organizer.home.pageTitle')}</title>
      <h1>{t('organizer.home.heading')}</h1>
      <p>
        <Link to="/organize/new">{t('organizer.home.create')}</Link>
      </p>
      <MyEventsHome />
    </>
  );
}
