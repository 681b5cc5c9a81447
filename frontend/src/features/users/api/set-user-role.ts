import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { authKeys, userKeys } from '@/lib/query-keys';
import type { Role, UserOut } from '@/types/api';

export interface SetUserRoleInput {
  userId: string;
  role: Role;
}

export function setUserRole({ userId, role }: SetUserRoleInput): Promise<UserOut> {
  return api.put<UserOut>(`/users/${encodeURIComponent(userId)}/role`, { role });
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
