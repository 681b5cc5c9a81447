import { describe, expect, it } from 'vitest';
import {
  canCreateEvents,
  canManageEvent,
  canRegisterAsSelf,
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

  it('only follows `next` to a path of this app', () => {
    expect(safeNextPath('/events/e1/manage?tab=waitlist')).toBe('/events/e1/manage?tab=waitlist');
    expect(safeNextPath('//evil.example/x')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
    expect(loginPath('/organize/new')).toBe('/login?next=%2Forganize%2Fnew');
  });
});
