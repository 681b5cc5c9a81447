import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { CommandResult } from '@/types/api';

export function cancelEvent(id: string, reason: string): Promise<CommandResult> {
  return api.post<CommandResult>(`/events/${encodeURIComponent(id)}/cancel`, { reason });
}

export function useCancelEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => cancelEvent(id, reason),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
      ]),
  });
}
