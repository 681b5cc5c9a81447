// The WebSocket client of `GET /api/live` (API.md, "Live"). Pure: the socket, timers, clock and
// randomness are injected, so reconnecting and back-off are tested without a network or sleeping.
//
// - Topics (`event:<id>`) are reference-counted: two components watching one event share one
//   subscription, and it is sent again after every reconnect.
// - A token (`?token=`) also brings the member's own inbox items. A close with code 4401 (bad or
//   expired token) drops the token, tells the app (which refreshes the session) and carries on
//   anonymously, so seat counts keep flowing meanwhile.
// - The socket is open only while something needs it (a topic or a token).

export const UNAUTHORIZED_CLOSE = 4401;
const NORMAL_CLOSE = 1000;

export interface SocketHandlers {
  onOpen: () => void;
  onMessage: (data: unknown) => void;
  onClose: (code: number) => void;
}

export interface LiveSocket {
  send: (data: string) => void;
  close: (code?: number) => void;
}

/** Opens a socket to `url`; its events arrive through `handlers`. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => LiveSocket;

export interface SeatsMessage {
  type: 'seats';
  event_id: string;
  confirmed_count: number;
  capacity: number;
  seats_left: number;
  waitlist_length: number;
  position: number;
}

/** An inbox item pushed to its owner; the notifications feature reads its fields. */
export interface NotificationMessage {
  type: 'notification';
  data: Record<string, unknown>;
}

export type LiveMessage = SeatsMessage | NotificationMessage;

/** idle: nothing to listen to; connecting: first try; open; retrying: waiting to reconnect. */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'retrying';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Delay before reconnect attempt `attempt` (0 = first retry): exponential, capped, with jitter
 * (half fixed, half random) so a server restart is not greeted by every tab at the same instant.
 */
export function backoffDelay(attempt: number, random: number, backoff = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** attempt);
  return Math.round(ceiling * (0.5 + Math.min(Math.max(random, 0), 1) / 2));
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The message a frame carries, or null for anything this client does not understand. */
export function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const m = parsed as Record<string, unknown>;
  if (m.type === 'seats') {
    const { event_id, confirmed_count, capacity, seats_left, waitlist_length, position } = m;
    if (
      typeof event_id !== 'string' ||
      !isNumber(confirmed_count) ||
      !isNumber(capacity) ||
      !isNumber(seats_left) ||
      !isNumber(waitlist_length)
    ) {
      return null;
    }
    return {
      type: 'seats',
      event_id,
      confirmed_count,
      capacity,
      seats_left,
      waitlist_length,
      position: isNumber(position) ? position : 0,
    };
  }
  if (m.type === 'notification') return { type: 'notification', data: m };
  return null;
}

export interface LiveClientOptions {
  /** ws(s)://host/api/live, without a query. */
  url: string;
  createSocket: SocketFactory;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  now?: () => number;
  random?: () => number;
  backoff?: Backoff;
  /** A connection that stayed open this long resets the back-off; a shorter one does not, so a
   * server that accepts and closes at once is not hammered. */
  stableMs?: number;
}

type Listener<T> = (value: T) => void;

export class LiveClient {
  private readonly options: Required<LiveClientOptions>;
  private readonly topics = new Map<string, number>();
  private readonly messageListeners = new Set<Listener<LiveMessage>>();
  private readonly statusListeners = new Set<Listener<LiveStatus>>();
  private readonly unauthorizedListeners = new Set<() => void>();
  private socket: LiveSocket | null = null;
  /** Bumped for every socket, so late events of a replaced socket are ignored. */
  private generation = 0;
  private isOpen = false;
  private openedAt = 0;
  private attempt = 0;
  private timer: unknown = null;
  private token: string | null = null;
  /** The token the current socket was opened with. */
  private socketToken: string | null = null;
  private currentStatus: LiveStatus = 'idle';

  constructor(options: LiveClientOptions) {
    this.options = {
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (timer) => {
        clearTimeout(timer as ReturnType<typeof setTimeout>);
      },
      now: () => Date.now(),
      random: Math.random,
      backoff: DEFAULT_BACKOFF,
      stableMs: 10_000,
      ...options,
    };
  }

  get status(): LiveStatus {
    return this.currentStatus;
  }

  /** Listens to `topic` (e.g. `event:<id>`) until the returned function is called. */
  subscribe(topic: string): () => void {
    const count = this.topics.get(topic) ?? 0;
    this.topics.set(topic, count + 1);
    if (count === 0 && this.isOpen) this.send({ subscribe: topic });
    this.ensureConnection();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.topics.get(topic) ?? 1) - 1;
      if (left > 0) {
        this.topics.set(topic, left);
        return;
      }
      this.topics.delete(topic);
      if (this.isOpen) this.send({ unsubscribe: topic });
      this.ensureConnection();
    };
  }

  /**
   * The access token for the next connection. The socket is reopened at once when it switches
   * between anonymous and signed in, or when `reconnect` says the identity changed; a refreshed
   * token of the same login only waits for the next reconnect.
   */
  setToken(token: string | null, { reconnect = false }: { reconnect?: boolean } = {}): void {
    const previous = this.token;
    this.token = token;
    const switched = (this.socketToken === null) !== (token === null);
    if (this.socket && token !== previous && (reconnect || switched)) this.restart();
    else this.ensureConnection();
  }

  onMessage(listener: Listener<LiveMessage>): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onStatus(listener: Listener<LiveStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called after the server refused the token (close code 4401). */
  onUnauthorized(listener: () => void): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  /** Skips the back-off wait (the browser came back online, the tab became visible). */
  reconnectNow(): void {
    if (this.timer === null) return;
    this.cancelTimer();
    this.attempt = 0;
    this.connect();
  }

  /** Stops everything: no socket, no retry, no topics. */
  close(): void {
    this.topics.clear();
    this.token = null;
    this.ensureConnection();
  }

  private get needed(): boolean {
    return this.topics.size > 0 || this.token !== null;
  }

  private ensureConnection(): void {
    if (!this.needed) {
      this.cancelTimer();
      this.dropSocket();
      this.attempt = 0;
      this.setStatus('idle');
      return;
    }
    if (this.socket === null && this.timer === null) this.connect();
  }

  private restart(): void {
    this.cancelTimer();
    this.dropSocket();
    this.attempt = 0;
    this.ensureConnection();
  }

  private connect(): void {
    const generation = ++this.generation;
    const mine = () => generation === this.generation;
    const token = this.token;
    const url = token ? `${this.options.url}?token=${encodeURIComponent(token)}` : this.options.url;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'retrying');
    this.socketToken = token;
    try {
      this.socket = this.options.createSocket(url, {
        onOpen: () => {
          if (mine()) this.opened();
        },
        onMessage: (data) => {
          if (mine()) this.received(data);
        },
        onClose: (code) => {
          if (mine()) this.closed(code);
        },
      });
    } catch {
      // A URL the browser refuses outright: treat it like a failed connection.
      this.socket = null;
      this.scheduleRetry();
    }
  }

  private opened(): void {
    this.isOpen = true;
    this.openedAt = this.options.now();
    for (const topic of this.topics.keys()) this.send({ subscribe: topic });
    this.setStatus('open');
  }

  private received(data: unknown): void {
    const message = parseLiveMessage(data);
    if (message === null) return;
    for (const listener of this.messageListeners) listener(message);
  }

  private closed(code: number): void {
    const wasStable = this.isOpen && this.options.now() - this.openedAt >= this.options.stableMs;
    this.socket = null;
    this.isOpen = false;
    this.generation++;
    if (wasStable) this.attempt = 0;
    if (
      code === UNAUTHORIZED_CLOSE &&
      this.socketToken !== null &&
      this.token === this.socketToken
    ) {
      // Refused or expired (the server closes when the token runs out): never retry with it; the
      // app refreshes the session and hands over a fresh one. A token already replaced by a
      // refresh is simply used on the next attempt.
      this.token = null;
      for (const listener of this.unauthorizedListeners) listener();
    }
    if (!this.needed) {
      this.ensureConnection();
      return;
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delay = backoffDelay(this.attempt, this.options.random(), this.options.backoff);
    this.attempt++;
    this.setStatus('retrying');
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      if (this.needed && this.socket === null) this.connect();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.options.clearTimer(this.timer);
    this.timer = null;
  }

  private dropSocket(): void {
    if (this.socket === null) return;
    const socket = this.socket;
    this.socket = null;
    this.isOpen = false;
    this.generation++;
    socket.close(NORMAL_CLOSE);
  }

  private send(message: Record<string, string>): void {
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // The socket is closing; its close event schedules the reconnect that resends this.
    }
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
