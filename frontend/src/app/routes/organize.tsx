import '@/i18n/areas/organizer';
import { Link } from 'react-router';
import { MyEventsHome } from '@/features/organizer/components/MyEventsHome';

/** /organize, for organizers and admins (admins see every organizer's events). */
export function OrganizeRoute() {
  return (
    <>
      <title>My events · EventConnect</title>
      <h1>My events</h1>
      <p>
        <Link to="/organize/new">Create event</Link>
      </p>
      <MyEventsHome />
    </>
  );
}
