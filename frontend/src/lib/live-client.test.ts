import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  LiveClient,
  parseLiveMessage,
  type LiveMessage,
  type LiveStatus,
  type SocketHandlers,
} from './live-client';

/** One socket the client opened: what it was sent, and buttons to play the server's part. */
class FakeSocket {
  sent: unknown[] = [];
  closedWith: number | null = null;
  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
  open() {
    this.handlers.onOpen();
  }
  receive(message: unknown) {
    this.handlers.onMessage(typeof message === 'string' ? message : JSON.stringify(message));
  }
  serverCloses(code = 1006) {
    this.handlers.onClose(code);
  }
}

/** A client on fake sockets, a fake clock and hand-run timers (no real time passes). */
function setup(random = 0.5) {
  const sockets: FakeSocket[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  let now = 0;
  const client = new LiveClient({
    url: 'ws://host/api/live',
    createSocket: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
    now: () => now,
    random: () => random,
    backoff: { initialMs: 1000, maxMs: 8000, factor: 2 },
    stableMs: 5000,
  });
  const statuses: LiveStatus[] = [];
  client.onStatus((s) => statuses.push(s));
  const messages: LiveMessage[] = [];
  client.onMessage((m) => messages.push(m));
  const pending = () => timers.filter((t) => !t.cleared);
  /** Runs the one pending timer and returns its delay. */
  const fire = () => {
    const timer = timers.find((t) => !t.cleared);
    if (!timer) throw new Error('no timer pending');
    timer.cleared = true;
    timer.run();
    return timer.ms;
  };
  const last = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return {
    client,
    sockets,
    statuses,
    messages,
    pending,
    fire,
    last,
    advance: (ms: number) => (now += ms),
  };
}

const seats = (eventId: string, seatsLeft: number, position: number) => ({
  type: 'seats',
  event_id: eventId,
  confirmed_count: 10 - seatsLeft,
  capacity: 10,
  seats_left: seatsLeft,
  waitlist_length: 0,
  position,
});

describe('backoffDelay', () => {
  const backoff = { initialMs: 1000, maxMs: 8000, factor: 2 };
  it('doubles per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, 1, backoff))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });
  it('keeps at least half of the delay whatever the jitter', () => {
    expect(backoffDelay(2, 0, backoff)).toBe(2000);
    expect(backoffDelay(2, 0.5, backoff)).toBe(3000);
    expect(backoffDelay(2, 7, backoff)).toBe(4000);
  });
});

describe('parseLiveMessage', () => {
  it('reads seat updates and inbox items', () => {
    expect(parseLiveMessage(JSON.stringify(seats('e1', 3, 42)))).toEqual(seats('e1', 3, 42));
    const item = { type: 'notification', id: 'n1', kind: 'reminder', title: 'Soon' };
    expect(parseLiveMessage(JSON.stringify(item))).toEqual({ type: 'notification', data: item });
  });
  it('ignores what it does not understand', () => {
    for (const frame of [
      'not json',
      '[1,2]',
      'null',
      JSON.stringify({ type: 'weather' }),
      JSON.stringify({ ...seats('e1', 3, 1), seats_left: 'three' }),
      JSON.stringify({ ...seats('e1', 3, 1), event_id: 7 }),
    ]) {
      expect(parseLiveMessage(frame)).toBeNull();
    }
    expect(parseLiveMessage(new ArrayBuffer(2))).toBeNull();
  });
});

describe('LiveClient', () => {
  it('stays idle until something needs the socket', () => {
    const t = setup();
    expect(t.sockets).toHaveLength(0);
    expect(t.client.status).toBe('idle');
  });

  it('subscribes once per topic, on open, and delivers its updates', () => {
    const t = setup();
    const stopA = t.client.subscribe('event:e1');
    const stopB = t.client.subscribe('event:e1');
    expect(t.sockets).toHaveLength(1);
    expect(t.last().url).toBe('ws://host/api/live');
    expect(t.last().sent).toEqual([]);
    t.last().open();
    expect(t.last().sent).toEqual([{ subscribe: 'event:e1' }]);
    expect(t.client.status).toBe('open');

    t.last().receive(seats('e1', 4, 7));
    t.last().receive('garbage');
    expect(t.messages).toEqual([seats('e1', 4, 7)]);

    stopA();
    expect(t.last().sent).toHaveLength(1);
    stopB();
    stopB();
    expect(t.last().sent).toEqual([{ subscribe: 'event:e1' }, { unsubscribe: 'event:e1' }]);
    // Nothing left to listen to: the socket closes normally and nothing retries.
    expect(t.last().closedWith).toBe(1000);
    expect(t.client.status).toBe('idle');
    expect(t.pending()).toHaveLength(0);
  });

  it('reconnects with growing delays and subscribes again', () => {
    const t = setup(1);
    t.client.subscribe('event:e1');
    t.last().open();
    t.client.subscribe('event:e2');
    expect(t.last().sent).toEqual([{ subscribe: 'event:e1' }, { subscribe: 'event:e2' }]);

    t.last().serverCloses(1006);
    expect(t.client.status).toBe('retrying');
    expect(t.fire()).toBe(1000);
    expect(t.sockets).toHaveLength(2);
    // The server is still down: each failure waits longer, up to the cap.
    t.last().serverCloses(1006);
    expect(t.fire()).toBe(2000);
    t.last().serverCloses(1006);
    expect(t.fire()).toBe(4000);
    t.last().serverCloses(1006);
    expect(t.fire()).toBe(8000);
    t.last().serverCloses(1006);
    expect(t.fire()).toBe(8000);

    t.last().open();
    expect(t.last().sent).toEqual([{ subscribe: 'event:e1' }, { subscribe: 'event:e2' }]);
    expect(t.statuses).toEqual(['connecting', 'open', 'retrying', 'open']);
  });

  it('resets the back-off only after a connection that stayed up', () => {
    const t = setup(1);
    t.client.subscribe('event:e1');
    t.last().serverCloses();
    expect(t.fire()).toBe(1000);
    // Accepted, then dropped at once: still counts as a failure.
    t.last().open();
    t.advance(100);
    t.last().serverCloses();
    expect(t.fire()).toBe(2000);
    // Up for longer than stableMs: the next drop starts again from the first delay.
    t.last().open();
    t.advance(6000);
    t.last().serverCloses();
    expect(t.fire()).toBe(1000);
  });

  it('ignores the events of a socket it has replaced', () => {
    const t = setup();
    t.client.subscribe('event:e1');
    const first = t.last();
    t.client.setToken('tok-1');
    expect(first.closedWith).toBe(1000);
    first.serverCloses(1000);
    first.receive(seats('e1', 1, 1));
    expect(t.pending()).toHaveLength(0);
    expect(t.messages).toEqual([]);
    expect(t.sockets).toHaveLength(2);
  });

  it('connects with the token, and reopens only when the identity changes', () => {
    const t = setup();
    t.client.setToken('tok-1');
    expect(t.last().url).toBe('ws://host/api/live?token=tok-1');
    t.last().open();
    // A refreshed token of the same login is kept for the next connection.
    t.client.setToken('tok-2');
    expect(t.sockets).toHaveLength(1);
    t.last().serverCloses();
    t.fire();
    expect(t.last().url).toBe('ws://host/api/live?token=tok-2');
    // Another login reopens at once.
    t.client.setToken('tok-3', { reconnect: true });
    expect(t.sockets).toHaveLength(3);
    expect(t.last().url).toBe('ws://host/api/live?token=tok-3');
    // Logging out with no topic left closes the socket.
    t.client.setToken(null);
    expect(t.last().closedWith).toBe(1000);
    expect(t.client.status).toBe('idle');
  });

  it('on 4401 drops the token, reports it and keeps the seat updates going', () => {
    const t = setup();
    let refused = 0;
    t.client.onUnauthorized(() => refused++);
    t.client.subscribe('event:e1');
    t.client.setToken('expired');
    expect(t.last().url).toContain('token=expired');
    t.last().open();
    t.last().serverCloses(4401);
    expect(refused).toBe(1);
    t.fire();
    expect(t.last().url).toBe('ws://host/api/live');
    t.last().open();
    expect(t.last().sent).toEqual([{ subscribe: 'event:e1' }]);
    // The app refreshed the session: the fresh token reopens the socket signed in.
    t.client.setToken('fresh');
    expect(t.last().url).toBe('ws://host/api/live?token=fresh');
  });

  it('on 4401 after a refresh already replaced the token, just reconnects with the new one', () => {
    const t = setup();
    let refused = 0;
    t.client.onUnauthorized(() => refused++);
    t.client.setToken('old');
    t.last().open();
    t.client.setToken('refreshed');
    t.last().serverCloses(4401);
    expect(refused).toBe(0);
    t.fire();
    expect(t.last().url).toBe('ws://host/api/live?token=refreshed');
  });

  it('after 4401 with nothing to watch, waits for a new token instead of retrying', () => {
    const t = setup();
    t.client.setToken('expired');
    t.last().open();
    t.last().serverCloses(4401);
    expect(t.pending()).toHaveLength(0);
    expect(t.client.status).toBe('idle');
    t.client.setToken('fresh');
    expect(t.last().url).toContain('token=fresh');
  });

  it('reconnectNow skips the wait', () => {
    const t = setup();
    t.client.subscribe('event:e1');
    t.last().serverCloses();
    expect(t.pending()).toHaveLength(1);
    t.client.reconnectNow();
    expect(t.pending()).toHaveLength(0);
    expect(t.sockets).toHaveLength(2);
    // With a socket already there it does nothing.
    t.client.reconnectNow();
    expect(t.sockets).toHaveLength(2);
  });

  it('close stops the retries', () => {
    const t = setup();
    t.client.subscribe('event:e1');
    t.last().serverCloses();
    t.client.close();
    expect(t.pending()).toHaveLength(0);
    expect(t.client.status).toBe('idle');
  });
});
