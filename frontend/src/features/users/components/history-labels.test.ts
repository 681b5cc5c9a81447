import { describe, expect, it } from 'vitest';
import '@/i18n/areas/admin';
import { i18n } from '@/i18n';
import type { AccountHistoryEntry } from '../api/types';
import { historyActor, historyDetail, historyLabel } from './history-labels';
import { rightsLost } from './rights-lost';

const HOLDER = { id: '5f0f3d3e-2b1e-5e7e-9f57-0d1f7c2a4b10', name: 'Asha Rao' };
const ADMIN = '11111111-2222-3333-4444-555555555555';
const entry = (
  type: string,
  data: Record<string, unknown>,
  actor = ADMIN,
): AccountHistoryEntry => ({
  position: 1,
  type,
  occurred_at: '2030-05-01T18:04:00+00:00',
  actor,
  data,
  summary: 'English sentence',
});

describe('account history labels', () => {
  const en = i18n.getFixedT('en');
  const de = i18n.getFixedT('de');

  it('names each entry type in both languages, and unknown ones as "Other change"', () => {
    expect(historyLabel(en, entry('account.deactivated', {}))).toBe('Account deactivated');
    expect(historyLabel(de, entry('account.deactivated', {}))).toBe('Konto deaktiviert');
    expect(historyLabel(en, entry('event.something_new', {}))).toBe('Other change');
  });

  it('words the particulars from the data, not the English summary', () => {
    const role = entry('account.role_granted', { role: 'organizer', previous: 'member' });
    expect(historyDetail(en, role)).toBe('Now Organizer (was Member)');
    const profile = entry('account.profile_changed', { changes: { timezone: 'Asia/Tokyo' } });
    expect(historyDetail(de, profile)).toBe('Geändert: Zeitzone');
    expect(historyDetail(en, entry('account.password_changed', {}))).toBe('');
  });

  it('says who did it from the reader’s side', () => {
    expect(historyActor(en, entry('x', {}, ADMIN), HOLDER, ADMIN)).toBe('by you');
    expect(historyActor(en, entry('x', {}, HOLDER.id), HOLDER, ADMIN)).toBe('by Asha Rao');
    expect(historyActor(en, entry('x', {}, 'cli'), HOLDER, ADMIN)).toBe('from the command line');
    expect(historyActor(en, entry('x', {}, ADMIN), HOLDER, 'someone-else')).toBe(
      'by another admin',
    );
  });
});

describe('rightsLost', () => {
  it('asks when admin or organizer rights go, not when they are added', () => {
    expect(rightsLost('admin', 'member')).toBe('admin');
    expect(rightsLost('admin', 'organizer')).toBe('admin');
    expect(rightsLost('organizer', 'analyst')).toBe('organizer');
    expect(rightsLost('organizer', 'admin')).toBeNull();
    expect(rightsLost('member', 'organizer')).toBeNull();
    expect(rightsLost('member', 'member')).toBeNull();
  });
});
