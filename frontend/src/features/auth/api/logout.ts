import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { clearTokens, getTokens } from '@/lib/auth-tokens';

/**
 * Ends the session here at once, then tells the server to revoke the refresh token. The server
 * call is best effort: the tab is logged out whatever it answers.
 */
export async function logout(): Promise<void> {
  const tokens = getTokens();
  clearTokens();
  if (!tokens) return;
  await api
    .post<undefined>(
      '/auth/logout',
      { refresh_token: tokens.refreshToken },
      { auth: false, headers: { Authorization: `Bearer ${tokens.accessToken}` } },
    )
    .catch(() => undefined);
}

export function useLogout() {
  return useMutation({ mutationFn: logout });
}
