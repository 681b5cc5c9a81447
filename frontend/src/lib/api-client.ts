import { problemFromBody, type ApiError } from './api-error';
import { clearConsistencyPosition, getConsistencyPosition, recordPosition } from './consistency';

export { ApiError, fieldErrors, fieldKey, isApiError, problemFromBody } from './api-error';
export type { Problem, ProblemFieldError } from './api-error';

export const API_BASE = '/api';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  params?: QueryParams;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
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
  return problemFromBody(response.status, body, response.statusText);
}

async function send(
  method: Method,
  url: string,
  options: RequestOptions,
  consistentWith: number | null,
) {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (consistentWith !== null) headers['X-Consistent-With'] = String(consistentWith);
  try {
    return await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw problemFromBody(0, {
      title: 'Network error',
      detail: 'Could not reach the server. Check your connection and try again.',
      code: 'network_error',
    });
  }
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}) {
  const url = buildUrl(path, options.params);
  const consistentWith = method === 'GET' ? getConsistencyPosition() : null;
  let response = await send(method, url, options, consistentWith);

  if (!response.ok) {
    const error = await parseProblem(response);
    // The server waited its bounded time and the read model still lags (or the store was reset
    // under us): forget the position and show what the read model has rather than an error.
    if (consistentWith !== null && error.code === 'not_yet_consistent') {
      clearConsistencyPosition();
      response = await send(method, url, options, null);
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
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
