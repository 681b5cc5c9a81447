import { describe, expect, it } from 'vitest';
import { problemFromBody } from '@/lib/api-error';
import { i18n } from './index';
import { fieldErrorMessage, problemMessage, translatedFieldErrors } from './problems';

const invalid = problemFromBody(422, {
  code: 'validation_error',
  detail:
    'body.title: String should have at least 1 character; body.email: value is not a valid email address',
  errors: [
    {
      loc: ['body', 'title'],
      msg: 'String should have at least 1 character',
      type: 'string_too_short',
      ctx: { min_length: 1 },
    },
    {
      loc: ['body', 'email'],
      msg: 'value is not a valid email address: no @',
      type: 'value_error',
    },
    { loc: ['body', 'location', 'country'], msg: 'Value error, not ISO 3166', type: 'value_error' },
    { loc: ['body', 'capacity'], msg: 'odd', type: 'some_rule_we_do_not_know' },
  ],
});

describe.each([
  [
    'en',
    {
      title: 'Enter at least 1 characters.',
      email: 'Enter a valid email address',
      country: 'Choose a country',
      unknown: "This value isn't valid.",
    },
  ],
  [
    'de',
    {
      title: 'Mindestens 1 Zeichen eingeben.',
      email: 'gültige E-Mail-Adresse',
      country: 'Land aus der Liste',
      unknown: 'Dieser Wert ist ungültig.',
    },
  ],
] as const)('field errors in %s', (language, expected) => {
  const t = i18n.getFixedT(language);
  const errors = translatedFieldErrors(t, invalid);

  it('says the rule with its limit, not the English message', () => {
    expect(errors.title).toBe(expected.title);
  });

  it('prefers the field-specific message', () => {
    expect(errors.email).toContain(expected.email);
    expect(errors['location.country']).toContain(expected.country);
  });

  it('falls back to "invalid" for a rule it does not know, never to raw text', () => {
    expect(errors.capacity).toBe(expected.unknown);
    expect(Object.values(errors).join(' ')).not.toMatch(/body\.|Value error|String should/);
  });
});

describe('problemMessage', () => {
  it('says a known code in the language and keeps the detail of an unknown one', () => {
    const full = problemFromBody(409, { code: 'event_full', detail: 'Event is full.' });
    expect(problemMessage(i18n.getFixedT('de'), full)).toBe('Die Veranstaltung ist ausgebucht.');
    const odd = problemFromBody(409, { code: 'brand_new_rule', detail: 'A new rule.' });
    expect(problemMessage(i18n.getFixedT('de'), odd)).toBe('A new rule.');
  });

  it('words a 5xx without a known code as our problem', () => {
    const boom = problemFromBody(500, { detail: 'Traceback...' });
    expect(problemMessage(i18n.getFixedT('en'), boom)).toMatch(/on our side/);
  });

  it('merges two errors on one field once each', () => {
    const twice = problemFromBody(422, {
      errors: [
        { loc: ['body', 'email'], msg: 'a', type: 'missing' },
        { loc: ['body', 'email'], msg: 'b', type: 'missing' },
      ],
    });
    expect(translatedFieldErrors(i18n.getFixedT('en'), twice)).toEqual({ email: 'Required.' });
    expect(
      fieldErrorMessage(i18n.getFixedT('en'), { loc: ['body'], msg: 'x', type: 'malformed_body' }),
    ).toMatch(/could not be read/);
  });
});
