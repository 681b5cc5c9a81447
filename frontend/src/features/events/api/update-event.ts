import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { eventKeys } from '@/lib/query-keys';
import type { CommandResult, EventPatch } from '@/types/api';

export function updateEvent(id: string, patch: EventPatch): Promise<CommandResult> {
  return api.patch<CommandResult>(`/events/${encodeURIComponent(id)}`, patch);
}

/** PATCH with only the changed fields (edit form, capacity change). */
export function useUpdateEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: EventPatch) => updateEvent(id, patch),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: eventKeys.lists() }),
      ]),
  });
}
