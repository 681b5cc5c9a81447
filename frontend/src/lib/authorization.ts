// What the UI offers to whom. The server decides (403 `not_owner` / `forbidden`); these only keep
// the UI from showing links and buttons that would end in that answer.
import type { EventOut, Me, Role } from '@/types/api';

type User = Pick<Me, 'id' | 'role'> | null | undefined;
/** An event, or any record whose owner may be unset: no owner means nobody but an admin. */
type Owned = { organizer: Pick<EventOut['organizer'], 'id'> | null };

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  organizer: 'Organizer',
  member: 'Member',
  analyst: 'Analyst',
};

export function isAdmin(user: User): boolean {
  return user?.role === 'admin';
}

export function canCreateEvents(user: User): boolean {
  return user?.role === 'organizer' || user?.role === 'admin';
}

/** Organizers manage the events they own; admins manage all of them. */
export function canManageEvent(user: User, event: Owned): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'organizer' && event.organizer !== null && event.organizer.id === user.id;
}

/** Who opens the analytics dashboard: admins and analysts see every event, organizers theirs. */
export const ANALYTICS_ROLES: readonly Role[] = ['admin', 'analyst', 'organizer'];

export function canViewAnalytics(user: User): boolean {
  return !!user && ANALYTICS_ROLES.includes(user.role);
}

/** An organizer's dashboard is scoped to their own events, so only the others pick one. */
export function canFilterByOrganizer(user: User): boolean {
  return user?.role === 'admin' || user?.role === 'analyst';
}

/** One event's analytics: admins, analysts and the organizer who owns it. */
export function canViewEventAnalytics(user: User, event: Owned): boolean {
  return canFilterByOrganizer(user) || canManageEvent(user, event);
}

/** Analysts only read; every other account registers as itself. */
export function canRegisterAsSelf(user: User): boolean {
  return !!user && user.role !== 'analyst';
}

/**
 * Where to go after logging in: only a path inside this app (`/...`, never `//host` or
 * `/\host`, which browsers treat as another origin).
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

export function loginPath(next: string): string {
  return `/login?${new URLSearchParams({ next }).toString()}`;
}
