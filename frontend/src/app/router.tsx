import { createBrowserRouter } from 'react-router';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { ANALYTICS_ROLES } from '@/lib/authorization';
import { Layout } from './layout';
import { AnalyticsPage, EventAnalyticsPage } from './routes/analytics-on-demand';
import { EventDetailRoute } from './routes/event-detail';
import { EventsListRoute } from './routes/events-list';
import { ForgotPasswordRoute } from './routes/forgot-password';
import { InboxRoute } from './routes/inbox';
import { LoginRoute } from './routes/login';
import { MyRegistrationsRoute } from './routes/my-registrations';
import { NotFoundRoute } from './routes/not-found';
import {
  AdminUsersPage,
  CheckInPage,
  ManageEventPage,
  OrganizeNewPage,
  OrganizePage,
} from './routes/organizer-on-demand';
import { ProfileRoute } from './routes/profile';
import { RegistrationRoute } from './routes/registration';
import { ResetPasswordRoute } from './routes/reset-password';
import { RouteError } from './routes/route-error';
import { SeriesRoute } from './routes/series';
import { SignupRoute } from './routes/signup';
import { UnsubscribeRoute } from './routes/unsubscribe';
import { VerifyEmailRoute } from './routes/verify-email';

const ORGANIZERS = ['organizer', 'admin'] as const;

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <EventsListRoute /> },
      { path: 'events/:id', element: <EventDetailRoute /> },
      { path: 'series/:id', element: <SeriesRoute /> },
      // The links in emails: a guest's registration (its token in the query) and account links.
      { path: 'events/:id/registrations/:rid', element: <RegistrationRoute /> },
      { path: 'unsubscribe', element: <UnsubscribeRoute /> },
      { path: 'forgot-password', element: <ForgotPasswordRoute /> },
      { path: 'reset-password', element: <ResetPasswordRoute /> },
      { path: 'verify-email', element: <VerifyEmailRoute /> },
      {
        // Ownership is checked on the page (and by the server): any account may own an event.
        path: 'events/:id/manage',
        element: (
          <RequireAuth>
            <ManageEventPage />
          </RequireAuth>
        ),
      },
      {
        // The door screen; like Manage, ownership is checked on the page and by the server.
        path: 'events/:id/check-in',
        element: (
          <RequireAuth>
            <CheckInPage />
          </RequireAuth>
        ),
      },
      {
        path: 'events/:id/analytics',
        element: (
          <RequireAuth roles={ANALYTICS_ROLES}>
            <EventAnalyticsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'analytics',
        element: (
          <RequireAuth roles={ANALYTICS_ROLES}>
            <AnalyticsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'organize',
        element: (
          <RequireAuth roles={ORGANIZERS}>
            <OrganizePage />
          </RequireAuth>
        ),
      },
      {
        path: 'organize/new',
        element: (
          <RequireAuth roles={ORGANIZERS}>
            <OrganizeNewPage />
          </RequireAuth>
        ),
      },
      { path: 'login', element: <LoginRoute /> },
      { path: 'signup', element: <SignupRoute /> },
      {
        path: 'me',
        element: (
          <RequireAuth>
            <ProfileRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'inbox',
        element: (
          <RequireAuth>
            <InboxRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'me/registrations',
        element: (
          <RequireAuth>
            <MyRegistrationsRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequireAuth roles={['admin']}>
            <AdminUsersPage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
