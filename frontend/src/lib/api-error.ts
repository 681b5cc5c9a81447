// RFC 9457 problem details as the API sends them (see shared/API.md, "Errors").

export type Loc = (string | number)[];

export interface ProblemFieldError {
  loc: Loc;
  /** English, for logs; the UI words the error from `type` and `ctx` (i18n/problems.ts). */
  msg: string;
  /** The rule broken: pydantic's error type, or the domain's code. */
  type?: string;
  /** The rule's limits, e.g. `{ min_length: 1 }`. */
  ctx?: Record<string, string | number | boolean>;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: ProblemFieldError[];
}

export class ApiError extends Error implements Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors: ProblemFieldError[];
  /** From a 429's Retry-After header, when the server sent one. */
  retryAfterSeconds: number | null = null;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function primitives(record: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = value;
    }
  }
  return out;
}

function toFieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((item) => ({
    loc: Array.isArray(item.loc)
      ? item.loc.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
      : typeof item.loc === 'string'
        ? item.loc.split('.')
        : [],
    msg: str(item.msg) || str(item.message) || 'Invalid value',
    ...(typeof item.type === 'string' ? { type: item.type } : {}),
    ...(isRecord(item.ctx) ? { ctx: primitives(item.ctx) } : {}),
  }));
}

const FALLBACK_CODES: Record<number, string> = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation_error',
  429: 'rate_limited',
};

/**
 * Turns an error response body into an ApiError. Accepts problem+json, and, defensively, FastAPI's
 * default `{detail: "..."}` / `{detail: [{loc, msg}]}` shapes and non-JSON bodies.
 */
export function problemFromBody(status: number, body: unknown, statusText = ''): ApiError {
  const record = isRecord(body) ? body : {};
  const rawDetail = record.detail;
  const errors = toFieldErrors(record.errors ?? (Array.isArray(rawDetail) ? rawDetail : undefined));
  let detail = str(rawDetail);
  if (!detail && errors.length > 0) {
    detail = errors.map((e) => e.msg).join('; ');
  }
  const title = str(record.title) || statusText || (status ? `HTTP ${status}` : 'Network error');
  return new ApiError({
    type: str(record.type) || 'about:blank',
    title,
    status: typeof record.status === 'number' ? record.status : status,
    detail: detail || title,
    code: str(record.code) || FALLBACK_CODES[status] || (status >= 500 ? 'server_error' : 'error'),
    errors,
  });
}

const LOCATION_ROOTS = new Set(['body', 'query', 'path', 'header', 'cookie']);

/** `["body","location","city"]` -> `"location.city"`, the key a form field uses. */
export function fieldKey(loc: Loc): string {
  const parts = loc.map(String);
  if (parts.length > 0 && LOCATION_ROOTS.has(parts[0] ?? '')) parts.shift();
  return parts.join('.');
}

/** Validation messages keyed by field (`""` for errors not tied to one field). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const { loc, msg } of error.errors) {
    const key = fieldKey(loc);
    out[key] = out[key] ? `${out[key]}; ${msg}` : msg;
  }
  return out;
}
