import { describe, expect, it } from 'vitest';
import {
  canCreateEvents,
  canFilterByOrganizer,
  canManageEvent,
  canRegisterAsSelf,
  canViewAnalytics,
  canViewEventAnalytics,
  isAdmin,
  loginPath,
  safeNextPath,
} from './authorization';

const event = { organizer: { id: 'u-org', name: 'Asha' } };

describe('authorization', () => {
  it('lets organizers and admins create events', () => {
    expect(canCreateEvents({ id: 'a', role: 'organizer' })).toBe(true);
    expect(canCreateEvents({ id: 'a', role: 'admin' })).toBe(true);
    expect(canCreateEvents({ id: 'a', role: 'member' })).toBe(false);
    expect(canCreateEvents({ id: 'a', role: 'analyst' })).toBe(false);
    expect(canCreateEvents(null)).toBe(false);
  });

  it('lets the owning organizer and any admin manage an event', () => {
    expect(canManageEvent({ id: 'u-org', role: 'organizer' }, event)).toBe(true);
    expect(canManageEvent({ id: 'someone', role: 'admin' }, event)).toBe(true);
    expect(canManageEvent({ id: 'other', role: 'organizer' }, event)).toBe(false);
    // An owner who is no longer an organizer has lost the right with the role.
    expect(canManageEvent({ id: 'u-org', role: 'member' }, event)).toBe(false);
    expect(canManageEvent({ id: 'u-org', role: 'organizer' }, { organizer: null })).toBe(false);
    expect(canManageEvent(undefined, event)).toBe(false);
  });

  it('keeps analysts read-only and admin pages for admins', () => {
    expect(canRegisterAsSelf({ id: 'a', role: 'analyst' })).toBe(false);
    expect(canRegisterAsSelf({ id: 'a', role: 'member' })).toBe(true);
    expect(isAdmin({ id: 'a', role: 'admin' })).toBe(true);
    expect(isAdmin({ id: 'a', role: 'organizer' })).toBe(false);
  });

  it('opens analytics to admins, analysts and organizers (theirs), never to members', () => {
    for (const role of ['admin', 'analyst', 'organizer'] as const) {
      expect(canViewAnalytics({ id: 'a', role })).toBe(true);
    }
    expect(canViewAnalytics({ id: 'a', role: 'member' })).toBe(false);
    expect(canViewAnalytics(null)).toBe(false);
    expect(canFilterByOrganizer({ id: 'a', role: 'analyst' })).toBe(true);
    expect(canFilterByOrganizer({ id: 'a', role: 'admin' })).toBe(true);
    expect(canFilterByOrganizer({ id: 'u-org', role: 'organizer' })).toBe(false);
    expect(canViewEventAnalytics({ id: 'x', role: 'analyst' }, event)).toBe(true);
    expect(canViewEventAnalytics({ id: 'u-org', role: 'organizer' }, event)).toBe(true);
    expect(canViewEventAnalytics({ id: 'other', role: 'organizer' }, event)).toBe(false);
    expect(canViewEventAnalytics({ id: 'u-org', role: 'member' }, event)).toBe(false);
  });

  it('only follows `next` to a path of this app', () => {
    expect(safeNextPath('/events/e1/manage?tab=waitlist')).toBe('/events/e1/manage?tab=waitlist');
    expect(safeNextPath('//evil.example/x')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
    expect(loginPath('/organize/new')).toBe('/login?next=%2Forganize%2Fnew');
  });
});
