import { createBrowserRouter } from 'react-router';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { ANALYTICS_ROLES } from '@/lib/authorization';
import { Layout } from './layout';
import { EventDetailRoute } from './routes/event-detail';
import { EventsListRoute } from './routes/events-list';
import { NotFoundRoute } from './routes/not-found';
import {
  AdminUsersPage,
  AnalyticsPage,
  CheckInPage,
  EventAnalyticsPage,
  ForgotPasswordPage,
  InboxPage,
  LoginPage,
  ManageEventPage,
  MyRegistrationsPage,
  OrganizeNewPage,
  OrganizePage,
  ProfilePage,
  RegistrationPage,
  ResetPasswordPage,
  SeriesPage,
  SignupPage,
  UnsubscribePage,
  VerifyEmailPage,
} from './routes/on-demand';
import { RouteError } from './routes/route-error';

const ORGANIZERS = ['organizer', 'admin'] as const;

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <EventsListRoute /> },
      { path: 'events/:id', element: <EventDetailRoute /> },
      { path: 'series/:id', element: <SeriesPage /> },
      // The links in emails: a guest's registration (its token in the query) and account links.
      { path: 'events/:id/registrations/:rid', element: <RegistrationPage /> },
      { path: 'unsubscribe', element: <UnsubscribePage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
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
      { path: 'login', element: <LoginPage /> },
      { path: 'signup', element: <SignupPage /> },
      {
        path: 'me',
        element: (
          <RequireAuth>
            <ProfilePage />
          </RequireAuth>
        ),
      },
      {
        path: 'inbox',
        element: (
          <RequireAuth>
            <InboxPage />
          </RequireAuth>
        ),
      },
      {
        path: 'me/registrations',
        element: (
          <RequireAuth>
            <MyRegistrationsPage />
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
