import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { SignedUp, SignupIn } from '@/types/api';

export function signup(input: SignupIn): Promise<SignedUp> {
  return api.post<SignedUp>('/auth/signup', input, { auth: false });
}

export function useSignup() {
  return useMutation({ mutationFn: signup });
}
