import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from '@/components/Loading';

// The organizer's and admin's screens (forms, the attendee tables, the door's camera scanner)
// load when first opened: a member reading the home page never downloads them.
function onDemand(load: () => Promise<ComponentType>) {
  const Screen = lazy(() => load().then((Component) => ({ default: Component })));
  return function OnDemand() {
    return (
      <Suspense fallback={<Loading label="Loading…" />}>
        <Screen />
      </Suspense>
    );
  };
}

export const ManageEventPage = onDemand(() =>
  import('./manage-event').then((m) => m.ManageEventRoute),
);
export const CheckInPage = onDemand(() => import('./check-in').then((m) => m.CheckInRoute));
export const OrganizePage = onDemand(() => import('./organize').then((m) => m.OrganizeRoute));
export const OrganizeNewPage = onDemand(() =>
  import('./organize-new').then((m) => m.OrganizeNewRoute),
);
export const AdminUsersPage = onDemand(() =>
  import('./admin-users').then((m) => m.AdminUsersRoute),
);
