import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Unsubscribed } from './types';

/** The link of an email: stops reminders for that member or guest registration. No bearer
 * token: the link's token says who. */
export function unsubscribe(token: string): Promise<Unsubscribed> {
  return api.post<Unsubscribed>('/unsubscribe', undefined, { params: { token }, auth: false });
}

export function useUnsubscribe() {
  return useMutation({ mutationFn: unsubscribe });
}
