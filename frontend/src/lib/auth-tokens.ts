// The signed-in session: access and refresh tokens, kept in memory and mirrored to
// sessionStorage (per tab, gone when the tab closes; deliberately not localStorage, which every
// tab and every later visit would share). A `session` id names one login: it stays the same
// across refreshes and changes on the next login, so UI state can be keyed on "who is asking".

const KEY = 'eventconnect.auth';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: string;
  /** Seconds until the access token expires. */
  expires_in: number;
}

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is expired. */
  expiresAt: number;
  session: string;
}

let memory: StoredTokens | null | undefined;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function isStored(value: unknown): value is StoredTokens {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.session === 'string'
  );
}

export function isTokenPair(value: unknown): value is TokenPair {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.access_token === 'string' && typeof v.refresh_token === 'string';
}

function load(): StoredTokens | null {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(KEY) ?? 'null');
    return isStored(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function save(next: StoredTokens | null): void {
  memory = next;
  try {
    if (next) storage()?.setItem(KEY, JSON.stringify(next));
    else storage()?.removeItem(KEY);
  } catch {
    // Storage full or blocked: the session still works in memory until the tab reloads.
  }
  for (const listener of listeners) listener();
}

function newSessionId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function getTokens(): StoredTokens | null {
  if (memory === undefined) memory = load();
  return memory;
}

export function getAccessToken(): string | null {
  return getTokens()?.accessToken ?? null;
}

export function getRefreshToken(): string | null {
  return getTokens()?.refreshToken ?? null;
}

function toStored(pair: TokenPair, session: string, now: number): StoredTokens {
  const seconds = Number.isFinite(pair.expires_in) ? pair.expires_in : 15 * 60;
  return {
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    expiresAt: now + seconds * 1000,
    session,
  };
}

/** A fresh login: new tokens and a new session id. */
export function startSession(pair: TokenPair, now: number = Date.now()): StoredTokens {
  const next = toStored(pair, newSessionId(), now);
  save(next);
  return next;
}

/**
 * A refreshed pair for the session that asked for it. Returns false (and stores nothing) when that
 * session has meanwhile ended or been replaced by another login.
 */
export function rotateTokens(session: string, pair: TokenPair, now: number = Date.now()): boolean {
  if (getTokens()?.session !== session) return false;
  save(toStored(pair, session, now));
  return true;
}

export function clearTokens(): void {
  if (getTokens() === null) return;
  save(null);
}

/** Calls `listener` whenever the stored tokens change (login, refresh, logout). */
export function subscribeTokens(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** A stable snapshot for useSyncExternalStore: the session id, or '' when logged out. */
export function sessionSnapshot(): string {
  return getTokens()?.session ?? '';
}

/** Tests only: forget the in-memory copy so the next read comes from storage. */
export function resetTokenMemoryForTests(): void {
  memory = undefined;
}
