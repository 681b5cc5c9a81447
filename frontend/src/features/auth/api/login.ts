import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { startSession, type TokenPair } from '@/lib/auth-tokens';

export interface LoginInput {
  email: string;
  password: string;
}

/** OAuth2 password grant: a form with `username` (the email) and `password`. */
export function login({ email, password }: LoginInput): Promise<TokenPair> {
  return api.postForm<TokenPair>('/auth/token', { username: email, password }, { auth: false });
}

/** Logs in and starts a new session (the app resets per-user caches when the session changes). */
export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (pair) => {
      startSession(pair);
    },
  });
}
