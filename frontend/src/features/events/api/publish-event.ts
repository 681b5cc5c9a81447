import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { CommandResult } from '@/types/api';

export function publishEvent(id: string): Promise<CommandResult> {
  return api.post<CommandResult>(`/events/${encodeURIComponent(id)}/publish`);
}

export function usePublishEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => publishEvent(id),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
      ]),
  });
}
