import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';

export function deleteEvent(id: string): Promise<void> {
  return api.delete<undefined>(`/events/${encodeURIComponent(id)}`);
}

export function useDeleteEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteEvent(id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: eventKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: eventKeys.lists() });
    },
  });
}
