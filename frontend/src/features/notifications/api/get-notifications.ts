import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from '@/lib/query-keys';
import { useSession } from '@/lib/use-session';
import type { NotificationsPage } from './types';

export interface NotificationsQuery {
  page?: number;
  page_size?: number;
}

export function getNotifications(
  params: NotificationsQuery,
  signal?: AbortSignal,
): Promise<NotificationsPage> {
  return api.get<NotificationsPage>('/me/notifications', { params: { ...params }, signal });
}

export const getNotificationsQueryOptions = (session: string, params: NotificationsQuery) =>
  queryOptions({
    queryKey: notificationKeys.list(session, { ...params }),
    queryFn: ({ signal }) => getNotifications(params, signal),
    enabled: session !== '',
    placeholderData: keepPreviousData,
  });

/** The signed-in member's inbox (nothing while logged out). */
export function useNotifications(params: NotificationsQuery) {
  return useQuery(getNotificationsQueryOptions(useSession(), params));
}

/** Just the unread count, for the header. Live pushes refresh it at once; the slow poll is the
 * fallback for a socket that cannot connect (a proxy without WebSocket support). */
export function useUnreadCount() {
  const query = useQuery({
    ...getNotificationsQueryOptions(useSession(), { page: 1, page_size: 1 }),
    refetchInterval: 60_000,
    select: (page) => page.unread,
  });
  return query.data;
}
