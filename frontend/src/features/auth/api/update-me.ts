import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { authKeys } from '@/lib/query-keys';
import type { Me, MePatch } from '@/types/api';

export function updateMe(patch: MePatch): Promise<Me> {
  return api.patch<Me>('/me', patch);
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.all }),
  });
}
