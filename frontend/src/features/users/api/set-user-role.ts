import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { authKeys, userKeys } from '@/lib/query-keys';
import type { Role, RoleChanged } from '@/types/api';

export interface SetUserRoleInput {
  userId: string;
  role: Role;
}

export function setUserRole({ userId, role }: SetUserRoleInput): Promise<RoleChanged> {
  return api.put<RoleChanged>(`/users/${encodeURIComponent(userId)}/role`, { role });
}

export function useSetUserRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setUserRole,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: userKeys.all }),
        queryClient.invalidateQueries({ queryKey: authKeys.all }),
      ]),
  });
}
