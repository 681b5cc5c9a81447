import { describe, expect, it } from 'vitest';
import { ownRating, raterKey } from './paths';

describe('ownRating', () => {
  it('uses the bearer token for a member', () => {
    expect(ownRating('e 1', { kind: 'member', session: 's1' })).toEqual({
      path: '/events/e%201/ratings/me',
      options: {},
    });
  });
  it('proves a guest with the registration id and token, and sends no bearer token', () => {
    expect(ownRating('e1', { kind: 'guest', registrationId: 'r1', token: 't1' })).toEqual({
      path: '/events/e1/ratings/guest',
      options: { params: { registration_id: 'r1', token: 't1' }, auth: false },
    });
  });
  it('caches each rater apart', () => {
    expect(raterKey({ kind: 'member', session: 's1' })).not.toBe(
      raterKey({ kind: 'guest', registrationId: 's1', token: 't' }),
    );
  });
});
