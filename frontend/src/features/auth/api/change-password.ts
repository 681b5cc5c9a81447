// PUT /api/me/password: the current password and a new one. The server ends every session of the
// account and answers with a fresh pair for this client, which replaces the tab's tokens.
import { useMutation } from '@tanstack/react-query';
import { api, isApiError, refreshSession } from '@/lib/api-client';
import { getTokens, rotateTokens, startSession, type TokenPair } from '@/lib/auth-tokens';
import type { components } from '@/types/openapi.gen';

export type PasswordChangeInput = components['schemas']['PasswordChangeIn'];

function put(input: PasswordChangeInput, accessToken: string): Promise<TokenPair> {
  // auth: false with the token by hand: a wrong current password is a 401 too, and the client's
  // usual "refresh and send again" would count the same wrong attempt twice against the limit.
  return api.put<TokenPair>('/me/password', input, {
    auth: false,
    headers: { Authorization: `Bearer ${accessToken}` },
  });
}

export async function changePassword(input: PasswordChangeInput): Promise<TokenPair> {
  const tokens = getTokens();
  if (!tokens) throw new Error('Not logged in');
  let pair: TokenPair;
  try {
    pair = await put(input, tokens.accessToken);
  } catch (error) {
    // An expired access token (`unauthorized`, not `invalid_credentials`): refresh once, retry.
    if (!isApiError(error) || error.code !== 'unauthorized') throw error;
    if ((await refreshSession()) !== 'refreshed') throw error;
    const fresh = getTokens();
    if (!fresh) throw error;
    pair = await put(input, fresh.accessToken);
  }
  // Same account, same session id (so nothing per-user is dropped); a new login meanwhile wins.
  const session = getTokens()?.session;
  if (session === undefined || !rotateTokens(session, pair)) startSession(pair);
  return pair;
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
