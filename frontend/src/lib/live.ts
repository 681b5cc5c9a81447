// The app's one live connection (see live-client.ts) and the hooks that use it. Shared code: the
// event page feeds seat counts into the react-query cache here; features listen through
// `useLiveMessages`.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { API_BASE, refreshSession } from './api-client';
import { getAccessToken, sessionSnapshot, subscribeTokens } from './auth-tokens';
import {
  LiveClient,
  type LiveMessage,
  type LiveStatus,
  type SeatsMessage,
  type SocketFactory,
} from './live-client';
import { eventKeys } from './query-keys';
import type { EventOut, Page } from '@/types/api';

export type { LiveStatus } from './live-client';

/** ws(s)://<this host>/api/live: the API shares the page's origin. */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${API_BASE}/live`;
}

const browserSocket: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code);
  return { send: (data) => socket.send(data), close: (code) => socket.close(code) };
};

let client: LiveClient | null = null;

/** The tab's live client, or null where there is no WebSocket (tests, server rendering). */
export function getLiveClient(): LiveClient | null {
  if (typeof window === 'undefined' || typeof WebSocket === 'undefined') return null;
  client ??= new LiveClient({ url: liveUrl(window.location), createSocket: browserSocket });
  return client;
}

/**
 * Once, in the layout: hands the session's access token to the live client (so inbox items come
 * too), refreshes the session when the socket refuses the token, and reconnects at once when
 * the browser comes back online.
 */
export function useLiveConnection(): void {
  useEffect(() => {
    const live = getLiveClient();
    if (!live) return;
    let session = sessionSnapshot();
    live.setToken(getAccessToken());
    const offTokens = subscribeTokens(() => {
      const next = sessionSnapshot();
      live.setToken(getAccessToken(), { reconnect: next !== session });
      session = next;
    });
    // An expired access token: the refresh rotates the tokens, and the listener above reconnects.
    const offRefused = live.onUnauthorized(() => {
      refreshSession().catch(() => undefined);
    });
    const wake = () => live.reconnectNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') wake();
    };
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      offTokens();
      offRefused();
      window.removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', onVisible);
      live.setToken(null);
    };
  }, []);
}

/** Calls `listener` with every live message while the component is mounted. */
export function useLiveMessages(listener: (message: LiveMessage) => void): void {
  useEffect(() => {
    const live = getLiveClient();
    return live ? live.onMessage(listener) : undefined;
  }, [listener]);
}

type SeatFields = Pick<EventOut, 'confirmed_count' | 'capacity' | 'seats_left' | 'waitlist_length'>;

function seatFields(message: SeatsMessage): SeatFields {
  const { confirmed_count, capacity, seats_left, waitlist_length } = message;
  return { confirmed_count, capacity, seats_left, waitlist_length };
}

/** Writes a seat update into every cached copy of the event: its page (any zone) and lists. */
export function applySeats(queryClient: QueryClient, message: SeatsMessage): void {
  const fields = seatFields(message);
  queryClient.setQueriesData<EventOut>(
    { queryKey: [...eventKeys.detail(message.event_id), 'event'] },
    (old) => (old ? { ...old, ...fields } : old),
  );
  queryClient.setQueriesData<Page<EventOut>>({ queryKey: eventKeys.lists() }, (old) =>
    old?.items.some((e) => e.id === message.event_id)
      ? {
          ...old,
          items: old.items.map((e) => (e.id === message.event_id ? { ...e, ...fields } : e)),
        }
      : old,
  );
}

/**
 * Follows one event's seat count and waitlist length while mounted. The server answers every
 * subscribe (so every reconnect too) with the current counts, so a gap while the socket was down
 * heals by itself. True while the socket is open and this event's counts have come over it.
 */
export function useLiveSeats(eventId: string): boolean {
  const queryClient = useQueryClient();
  const [syncedFor, setSyncedFor] = useState<string | null>(null);
  useEffect(() => {
    const live = getLiveClient();
    if (!live || !eventId) return;
    // Updates can overtake each other across API processes; an older one never wins.
    let latest = -1;
    const offMessage = live.onMessage((message) => {
      if (message.type !== 'seats' || message.event_id !== eventId) return;
      setSyncedFor(eventId);
      if (message.position < latest) return;
      latest = message.position;
      applySeats(queryClient, message);
    });
    const unsubscribe = live.subscribe(`event:${eventId}`);
    return () => {
      unsubscribe();
      offMessage();
    };
  }, [eventId, queryClient]);
  const open = useLiveStatus() === 'open';
  return open && syncedFor === eventId;
}

const subscribeStatus = (listener: () => void) => getLiveClient()?.onStatus(listener) ?? noop;
const statusSnapshot = (): LiveStatus => getLiveClient()?.status ?? 'idle';
const noop = () => undefined;

/** The live connection's status, re-rendering when it changes. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribeStatus, statusSnapshot, () => 'idle');
}
