import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { startSession } from '@/lib/auth-tokens';
import type { SignedUp, SignupIn } from '@/types/api';
import { login } from './login';

export function signup(input: SignupIn): Promise<SignedUp> {
  return api.post<SignedUp>('/auth/signup', input, { auth: false });
}

export interface SignupResult {
  account: SignedUp;
  /** false when the account exists but logging in right after failed (e.g. rate limited). */
  signedIn: boolean;
}

/**
 * Creates the account, then logs in with the same email and password (the sign-up answer carries
 * no tokens). A failed login does not undo anything: the caller sends the person to log in.
 */
export async function signupAndLogin(input: SignupIn): Promise<SignupResult> {
  const account = await signup(input);
  try {
    startSession(await login({ email: input.email, password: input.password }));
    return { account, signedIn: true };
  } catch {
    return { account, signedIn: false };
  }
}

export function useSignup() {
  return useMutation({ mutationFn: signupAndLogin });
}
