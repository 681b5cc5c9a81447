import type { TFunction } from 'i18next';
import type { AccountHistoryEntry } from '../api/types';

// An account's history in the admin's language: the API's `summary` is an English sentence, so
// each entry is worded here from its `type` and `data` instead.

const TYPES = new Set([
  'signed_up',
  'profile_changed',
  'role_granted',
  'password_changed',
  'deactivated',
  'verification_requested',
  'email_verified',
  'password_reset_requested',
  'password_reset',
  'notification_preferences_changed',
  'calendar_feed_issued',
  'calendar_feed_revoked',
]);
const ROLES = new Set(['admin', 'organizer', 'member', 'analyst']);
const FIELDS = new Set(['name', 'timezone', 'locale']);

const short = (type: string) => type.replace(/^account\./, '');

/** "Role changed", "Password reset", ...; "Other change" for a type added later. */
export function historyLabel(t: TFunction, entry: Pick<AccountHistoryEntry, 'type'>): string {
  const type = short(entry.type);
  return TYPES.has(type) ? t(`admin.history.types.${type}`) : t('admin.history.types.other');
}

function roleName(t: TFunction, role: unknown): string {
  if (typeof role !== 'string') return '';
  return ROLES.has(role) ? t(`roles.${role}`) : role;
}

/** The entry's particulars (the new role, the fields changed...), or '' when it has none. */
export function historyDetail(t: TFunction, entry: AccountHistoryEntry): string {
  const data = entry.data;
  switch (short(entry.type)) {
    case 'signed_up':
      return t('admin.history.detail.signedUp', { role: roleName(t, data.role) });
    case 'role_granted':
      return t('admin.history.detail.role', {
        role: roleName(t, data.role),
        previous: roleName(t, data.previous),
      });
    case 'profile_changed': {
      const changes = (data.changes ?? {}) as Record<string, unknown>;
      const fields = Object.keys(changes)
        .filter((f) => FIELDS.has(f))
        .map((f) => t(`admin.history.fields.${f}`));
      return fields.length > 0
        ? t('admin.history.detail.fields', { fields: fields.join(', ') })
        : '';
    }
    case 'notification_preferences_changed':
      return t('admin.history.detail.notifications', {
        email: t(data.email ? 'admin.history.detail.on' : 'admin.history.detail.off'),
        reminders: t(data.reminders ? 'admin.history.detail.on' : 'admin.history.detail.off'),
      });
    default:
      return '';
  }
}

/** Who did it, seen from the admin reading: "by you", "by Asha Rao" (the holder), ... */
export function historyActor(
  t: TFunction,
  entry: Pick<AccountHistoryEntry, 'actor'>,
  holder: { id: string; name: string },
  selfId: string,
): string {
  const actor = entry.actor.replace(/-/g, '').toLowerCase();
  const same = (id: string) => id !== '' && actor === id.replace(/-/g, '').toLowerCase();
  if (same(selfId)) return t('admin.history.actor.you');
  if (same(holder.id)) return t('admin.history.actor.self', { name: holder.name });
  if (entry.actor === 'cli') return t('admin.history.actor.cli');
  if (entry.actor === 'system') return t('admin.history.actor.system');
  return t('admin.history.actor.other');
}
