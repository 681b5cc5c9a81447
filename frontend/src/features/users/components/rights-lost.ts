import type { Role } from '@/types/api';

/** What changing `from` to `to` takes away: admin rights, organizer rights, or nothing. */
export function rightsLost(from: Role, to: Role): 'admin' | 'organizer' | null {
  if (from === to) return null;
  if (from === 'admin') return 'admin';
  if (from === 'organizer' && to !== 'admin') return 'organizer';
  return null;
}
