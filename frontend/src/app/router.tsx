import { createBrowserRouter } from 'react-router';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { Layout } from './layout';
import { AdminUsersRoute } from './routes/admin-users';
import { EventDetailRoute } from './routes/event-detail';
import { EventsListRoute } from './routes/events-list';
import { LoginRoute } from './routes/login';
import { ManageEventRoute } from './routes/manage-event';
import { MyRegistrationsRoute } from './routes/my-registrations';
import { NotFoundRoute } from './routes/not-found';
import { OrganizeNewRoute } from './routes/organize-new';
import { ProfileRoute } from './routes/profile';
import { RouteError } from './routes/route-error';
import { SignupRoute } from './routes/signup';

const ORGANIZERS = ['organizer', 'admin'] as const;

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <EventsListRoute /> },
      { path: 'events/:id', element: <EventDetailRoute /> },
      {
        // Ownership is checked on the page (and by the server): any account may own an event.
        path: 'events/:id/manage',
        element: (
          <RequireAuth>
            <ManageEventRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'organize/new',
        element: (
          <RequireAuth roles={ORGANIZERS}>
            <OrganizeNewRoute />
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
            <AdminUsersRoute />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
