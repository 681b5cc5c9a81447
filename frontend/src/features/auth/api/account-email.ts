// Wave 2 identity (API.md "Notifications"): notification switches and email verification on the
// profile, password reset and email verification links.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { clearTokens } from '@/lib/auth-tokens';
import { authKeys } from '@/lib/query-keys';
import type {
  Me,
  MePatch,
  NotificationSettings,
  PasswordResetAccepted,
  PasswordResetConfirmIn,
  PasswordResetDone,
  Positioned,
  Verified,
} from '@/types/api';

/** Both switches default to on (API.md), also when the profile leaves them out. */
export function notificationSettings(user: Me): Required<NotificationSettings> {
  return {
    email: user.notifications?.email ?? true,
    reminders: user.notifications?.reminders ?? true,
  };
}

/** true / false, or null when the server does not say. */
export function emailVerified(user: Me): boolean | null {
  return typeof user.email_verified === 'boolean' ? user.email_verified : null;
}

export function updateNotificationSettings(settings: NotificationSettings): Promise<Me> {
  return api.patch<Me>('/me', { notifications: settings } satisfies MePatch);
}

export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationSettings,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.all }),
  });
}

/** Always 202, whether or not the account exists (so the form cannot probe for accounts). */
export function requestPasswordReset(email: string): Promise<PasswordResetAccepted> {
  return api.post<PasswordResetAccepted>('/auth/password-reset', { email }, { auth: false });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

/** Sets the new password; the server ends every session of the account, this tab's too. */
export async function confirmPasswordReset(
  input: PasswordResetConfirmIn,
): Promise<PasswordResetDone> {
  const answer = await api.post<PasswordResetDone>('/auth/password-reset/confirm', input, {
    auth: false,
  });
  clearTokens();
  return answer;
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}

/** The link of the sign-up email; the token is the proof, so no bearer token is sent. */
export function verifyEmail(token: string): Promise<Verified> {
  return api.post<Verified>('/auth/verify', undefined, { params: { token }, auth: false });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyEmail,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.all }),
  });
}

/** Sends the verification link again to the signed-in account's address. */
export function resendVerification(): Promise<Positioned> {
  return api.post<Positioned>('/auth/verify/resend');
}

export function useResendVerification() {
  return useMutation({ mutationFn: resendVerification });
}
