import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '@/test/memory-storage';
import {
  clearTokens,
  getAccessToken,
  getRefreshToken,
  getTokens,
  resetTokenMemoryForTests,
  rotateTokens,
  sessionSnapshot,
  startSession,
  subscribeTokens,
  type TokenPair,
} from './auth-tokens';

const pair = (n: number, expiresIn = 900): TokenPair => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
  token_type: 'bearer',
  expires_in: expiresIn,
});

let session: MemoryStorage;
let local: MemoryStorage;

beforeEach(() => {
  session = new MemoryStorage();
  local = new MemoryStorage();
  vi.stubGlobal('sessionStorage', session);
  vi.stubGlobal('localStorage', local);
  resetTokenMemoryForTests();
});

afterEach(() => {
  clearTokens();
  vi.unstubAllGlobals();
  resetTokenMemoryForTests();
});

describe('token store', () => {
  it('starts logged out', () => {
    expect(getTokens()).toBeNull();
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
    expect(sessionSnapshot()).toBe('');
  });

  it('keeps a login in memory and in sessionStorage, never in localStorage', () => {
    const stored = startSession(pair(1, 900), 1_000_000);
    expect(stored).toMatchObject({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: 1_000_000 + 900_000,
    });
    expect(getAccessToken()).toBe('access-1');
    expect(JSON.parse(session.getItem('eventconnect.auth') ?? 'null')).toEqual(stored);
    expect(local.length).toBe(0);
  });

  it('reloads the session from sessionStorage after a page load', () => {
    const stored = startSession(pair(1));
    resetTokenMemoryForTests();
    expect(getTokens()).toEqual(stored);
    expect(sessionSnapshot()).toBe(stored.session);
  });

  it('ignores a corrupt or foreign stored value', () => {
    session.setItem('eventconnect.auth', '{"accessToken": 1');
    expect(getTokens()).toBeNull();
    resetTokenMemoryForTests();
    session.setItem('eventconnect.auth', JSON.stringify({ access_token: 'x' }));
    expect(getTokens()).toBeNull();
  });

  it('keeps the session id across a refresh and changes it on the next login', () => {
    const first = startSession(pair(1));
    expect(rotateTokens(first.session, pair(2), 5_000)).toBe(true);
    expect(getTokens()).toEqual({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
      expiresAt: 5_000 + 900_000,
      session: first.session,
    });
    const second = startSession(pair(3));
    expect(second.session).not.toBe(first.session);
  });

  it('drops a rotated pair that arrives for a session that has ended or been replaced', () => {
    const first = startSession(pair(1));
    const second = startSession(pair(2));
    expect(rotateTokens(first.session, pair(9))).toBe(false);
    expect(getAccessToken()).toBe('access-2');
    clearTokens();
    expect(rotateTokens(second.session, pair(9))).toBe(false);
    expect(getTokens()).toBeNull();
  });

  it('clears memory and storage and tells subscribers on every change', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeTokens(listener);
    const { session: id } = startSession(pair(1));
    rotateTokens(id, pair(2));
    clearTokens();
    clearTokens(); // already logged out: no change, no notification
    expect(listener).toHaveBeenCalledTimes(3);
    expect(session.getItem('eventconnect.auth')).toBeNull();
    expect(getTokens()).toBeNull();
    unsubscribe();
    startSession(pair(3));
    expect(listener).toHaveBeenCalledTimes(3);
  });
});
