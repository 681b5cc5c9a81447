import { problemFromBody, type ApiError } from './api-error';
import { clearTokens, getAccessToken, getTokens, isTokenPair, rotateTokens } from './auth-tokens';
import { clearConsistencyPosition, getConsistencyPosition, recordPosition } from './consistency';

export { ApiError, fieldErrors, fieldKey, isApiError, problemFromBody } from './api-error';
export type { Problem, ProblemFieldError } from './api-error';

export const API_BASE = '/api';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  params?: QueryParams;
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded instead of a JSON body (OAuth2 token form). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** false: no bearer token and no refresh on 401 (the auth endpoints themselves). */
  auth?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function buildUrl(path: string, params?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return `${API_BASE}${path}${query ? `?${query}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Parses a failed response (problem+json or anything else) into an ApiError. */
export async function parseProblem(response: Response): Promise<ApiError> {
  const body = await readBody(response).catch(() => undefined);
  const error = problemFromBody(response.status, body, response.statusText);
  const retryAfter = Number(response.headers.get('Retry-After') ?? NaN);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) error.retryAfterSeconds = retryAfter;
  return error;
}

function networkError(): ApiError {
  return problemFromBody(0, {
    title: 'Network error',
    detail: 'Could not reach the server. Check your connection and try again.',
    code: 'network_error',
  });
}

async function send(
  method: Method,
  url: string,
  options: RequestOptions,
  consistentWith: number | null,
  accessToken: string | null,
) {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (consistentWith !== null) headers['X-Consistent-With'] = String(consistentWith);
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(url, { method, headers, body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

export type RefreshOutcome = 'refreshed' | 'logged_out';

let refreshing: Promise<RefreshOutcome> | null = null;

async function doRefresh(): Promise<RefreshOutcome> {
  const tokens = getTokens();
  if (!tokens) return 'logged_out';
  const response = await send(
    'POST',
    buildUrl('/auth/refresh'),
    { body: { refresh_token: tokens.refreshToken } },
    null,
    null,
  );
  if (!response.ok) {
    // 5xx or 429: the server could not decide; keep the session and report the problem. Anything
    // else (401 expired/reused/revoked, 400/422) means this refresh token is finished.
    if (response.status >= 500 || response.status === 429) throw await parseProblem(response);
    clearTokens();
    return 'logged_out';
  }
  const body = await readBody(response);
  if (!isTokenPair(body)) {
    clearTokens();
    return 'logged_out';
  }
  // A logout or another login while this was in flight wins; the rotated pair is then dropped.
  return rotateTokens(tokens.session, body) ? 'refreshed' : 'logged_out';
}

/**
 * Trades the stored refresh token for a new pair. Single flight: callers that arrive while a
 * refresh is running share it, so a burst of 401s spends the (one-use) refresh token once.
 */
export function refreshSession(): Promise<RefreshOutcome> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Sends with the bearer token; on a 401, refreshes once (shared) and sends again. */
async function sendAuthorized(
  method: Method,
  url: string,
  options: RequestOptions,
  consistentWith: number | null,
): Promise<Response> {
  if (options.auth === false) return send(method, url, options, consistentWith, null);
  const sentWith = getAccessToken();
  const response = await send(method, url, options, consistentWith, sentWith);
  if (response.status !== 401 || (sentWith === null && getTokens() === null)) return response;

  const current = getAccessToken();
  if (current !== null && current !== sentWith) {
    // Another request refreshed (or a login happened) while this one was in flight.
    return send(method, url, options, consistentWith, current);
  }
  // current === null: a failed refresh elsewhere already logged this tab out.
  const outcome = current === null ? 'logged_out' : await refreshSession();
  if (outcome === 'refreshed') {
    return send(method, url, options, consistentWith, getAccessToken());
  }
  // Logged out. A read may well be public, so ask once more as a guest; a command is not
  // repeated as a guest (a member's `{}` registration means something else without a token).
  return method === 'GET' ? send(method, url, options, consistentWith, null) : response;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}) {
  const url = buildUrl(path, options.params);
  const consistentWith = method === 'GET' ? getConsistencyPosition() : null;
  let response = await sendAuthorized(method, url, options, consistentWith);

  if (!response.ok) {
    const error = await parseProblem(response);
    // The server waited its bounded time and the read model still lags (or the store was reset
    // under us): forget the position and show what the read model has rather than an error.
    if (consistentWith !== null && error.code === 'not_yet_consistent') {
      clearConsistencyPosition();
      response = await sendAuthorized(method, url, options, null);
      if (!response.ok) throw await parseProblem(response);
    } else {
      throw error;
    }
  }

  const body = await readBody(response);
  if (method !== 'GET') {
    const header = response.headers.get('X-Position');
    const fromBody =
      typeof body === 'object' && body !== null ? (body as { position?: unknown }).position : null;
    recordPosition(header ?? fromBody);
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  postForm: <T>(path: string, form: Record<string, string>, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, form }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
