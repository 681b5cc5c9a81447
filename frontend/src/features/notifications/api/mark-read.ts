import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from '@/lib/query-keys';
import type { NotificationsPage, UnreadCount } from './types';

export function markRead(id: string): Promise<UnreadCount> {
  return api.post<UnreadCount>(`/me/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllRead(): Promise<UnreadCount> {
  return api.post<UnreadCount>('/me/notifications/read-all');
}

/** Shows the answer at once in every cached page (then asks the server again). */
export function applyRead(queryClient: QueryClient, answer: UnreadCount, id: string | null) {
  queryClient.setQueriesData<NotificationsPage>({ queryKey: notificationKeys.all }, (old) =>
    old
      ? {
          ...old,
          unread: answer.unread,
          items: old.items.map((n) => (id === null || n.id === id ? { ...n, read: true } : n)),
        }
      : old,
  );
  return queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: (answer, id) => applyRead(queryClient, answer, id),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onSuccess: (answer) => applyRead(queryClient, answer, null),
  });
}
