import { describe, expect, it } from 'vitest';
import type { Me } from '@/types/api';
import { emailVerified, notificationSettings } from './account-email';

const me: Me = {
  id: 'u1',
  email: 'asha@example.org',
  name: 'Asha Rao',
  role: 'member',
  timezone: 'UTC',
  locale: 'en',
};

describe('profile switches', () => {
  it('default to on when the profile leaves them out', () => {
    expect(notificationSettings(me)).toEqual({ email: true, reminders: true });
    expect(notificationSettings({ ...me, notifications: { reminders: false } })).toEqual({
      email: true,
      reminders: false,
    });
  });
  it('show the verification state only when the server says it', () => {
    expect(emailVerified(me)).toBeNull();
    expect(emailVerified({ ...me, email_verified: false })).toBe(false);
    expect(emailVerified({ ...me, email_verified: true })).toBe(true);
  });
});
