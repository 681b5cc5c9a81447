import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { LiveMessage } from '@/lib/live-client';
import { useLiveMessages } from '@/lib/live';
import { notificationKeys } from '@/lib/query-keys';
import { notificationFromLive } from './types';

/** A pushed inbox item refreshes the badge and the inbox (the server's list stays the truth). */
export function useLiveInbox(): void {
  const queryClient = useQueryClient();
  const listener = useCallback(
    (message: LiveMessage) => {
      if (message.type !== 'notification' || notificationFromLive(message.data) === null) return;
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    [queryClient],
  );
  useLiveMessages(listener);
}
