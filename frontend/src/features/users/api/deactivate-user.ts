import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userKeys } from '@/lib/query-keys';
import type { UserChanged } from './types';

/**
 * POST /api/users/{id}/deactivate (admin only, not oneself: `cannot_change_own_access`). Every
 * session of the account ends and it can no longer sign in; its registrations and history stay.
 * The API has no reactivation.
 */
export function deactivateUser(userId: string): Promise<UserChanged> {
  return api.post<UserChanged>(`/users/${encodeURIComponent(userId)}/deactivate`);
}

export function useDeactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deactivateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
