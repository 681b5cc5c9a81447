/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';

interface Property {
  maxLength?: number;
  anyOf?: Property[];
}
interface Document {
  components: { schemas: Record<string, { properties: Record<string, Property> }> };
}

const document = JSON.parse(
  readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'),
) as Document;

/** The field's maxLength, also when it is optional (`anyOf: [{string, maxLength}, {null}]`). */
function maxLength(schema: string, field: string): number | undefined {
  const property = document.components.schemas[schema]?.properties[field];
  return property?.maxLength ?? property?.anyOf?.find((p) => p.maxLength)?.maxLength;
}

describe('form limits', () => {
  it.each([
    ['personName', 'SignupIn', 'name'],
    ['personName', 'ProfilePatch', 'name'],
    ['personName', 'RegistrationIn', 'name'],
    ['email', 'SignupIn', 'email'],
    ['email', 'RegistrationIn', 'email'],
    ['eventTitle', 'EventIn', 'title'],
    ['eventDescription', 'EventIn', 'description'],
    ['countryCode', 'Location', 'country'],
    ['cancelReason', 'CancelEventIn', 'reason'],
    ['ratingComment', 'RatingIn', 'comment'],
    ['hideReason', 'HideCommentIn', 'reason'],
  ] as const)('%s matches %s.%s', (limit, schema, field) => {
    expect(LIMITS[limit]).toBe(maxLength(schema, field));
  });
});
