// Read-your-writes: every command answers with the event-store `position` it produced. Until the
// tab reloads we send the highest one seen as `X-Consistent-With` on every GET, so the server
// answers only once its read models have caught up with our own writes. It lives in
// sessionStorage (per tab) so a full page navigation in the same tab keeps the guarantee.

const KEY = 'eventconnect.consistentWith';
let memory: number | null = null;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function getConsistencyPosition(): number | null {
  if (memory !== null) return memory;
  const raw = storage()?.getItem(KEY);
  const parsed = raw ? Number(raw) : NaN;
  memory = Number.isFinite(parsed) ? parsed : null;
  return memory;
}

export function recordPosition(position: unknown): void {
  const value = typeof position === 'string' ? Number(position) : position;
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  const current = getConsistencyPosition();
  if (current !== null && current >= value) return;
  memory = value;
  storage()?.setItem(KEY, String(value));
}

export function clearConsistencyPosition(): void {
  memory = null;
  storage()?.removeItem(KEY);
}
