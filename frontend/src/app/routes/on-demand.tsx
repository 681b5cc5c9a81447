import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from '@/components/Loading';

// Every screen but the two a visitor lands on (the home page's list and an event page) loads
// when first opened: the first load on a phone carries only what those two need. The
// organizer's and admin's forms, tables and the door's camera scanner, the analytics charts,
// and the account screens (log in, sign up, profile, inbox, registrations) each arrive as their
// own chunk, with their messages (see ../../i18n/add-area.ts).
function onDemand(load: () => Promise<ComponentType>) {
  const Screen = lazy(() => load().then((Component) => ({ default: Component })));
  return function OnDemand() {
    return (
      // The app's own (translated) "Loading…" until the chunk arrives.
      <Suspense fallback={<Loading />}>
        <Screen />
      </Suspense>
    );
  };
}

// The organizer's and the admin's screens.
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

// The analytics screens carry the chart library.
export const AnalyticsPage = onDemand(() => import('./analytics').then((m) => m.AnalyticsRoute));
export const EventAnalyticsPage = onDemand(() =>
  import('./event-analytics').then((m) => m.EventAnalyticsRoute),
);

// The account's and the member's screens, and the pages behind the links in emails.
export const LoginPage = onDemand(() => import('./login').then((m) => m.LoginRoute));
export const SignupPage = onDemand(() => import('./signup').then((m) => m.SignupRoute));
export const ProfilePage = onDemand(() => import('./profile').then((m) => m.ProfileRoute));
export const InboxPage = onDemand(() => import('./inbox').then((m) => m.InboxRoute));
export const MyRegistrationsPage = onDemand(() =>
  import('./my-registrations').then((m) => m.MyRegistrationsRoute),
);
export const SeriesPage = onDemand(() => import('./series').then((m) => m.SeriesRoute));
export const RegistrationPage = onDemand(() =>
  import('./registration').then((m) => m.RegistrationRoute),
);
export const ForgotPasswordPage = onDemand(() =>
  import('./forgot-password').then((m) => m.ForgotPasswordRoute),
);
export const ResetPasswordPage = onDemand(() =>
  import('./reset-password').then((m) => m.ResetPasswordRoute),
);
export const VerifyEmailPage = onDemand(() =>
  import('./verify-email').then((m) => m.VerifyEmailRoute),
);
export const UnsubscribePage = onDemand(() =>
  import('./unsubscribe').then((m) => m.UnsubscribeRoute),
);
