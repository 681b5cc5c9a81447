import { createBrowserRouter } from 'react-router';
import { Layout } from '@/components/Layout';
import { EventDetailRoute } from './routes/event-detail';
import { EventsListRoute } from './routes/events-list';
import { ManageEventRoute } from './routes/manage-event';
import { NotFoundRoute } from './routes/not-found';
import { OrganizeNewRoute } from './routes/organize-new';
import { RouteError } from './routes/route-error';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <EventsListRoute /> },
      { path: 'events/:id', element: <EventDetailRoute /> },
      { path: 'events/:id/manage', element: <ManageEventRoute /> },
      { path: 'organize/new', element: <OrganizeNewRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
