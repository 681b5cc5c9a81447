// Input limits the server enforces (maxLength in openapi.json), for the forms' maxLength
// attributes. Kept as small constants so the bundle does not carry the document; limits.test.ts
// fails when one of them no longer matches it.
export const LIMITS = {
  personName: 120,
  email: 254,
  eventTitle: 200,
  eventDescription: 10000,
  countryCode: 2,
  cancelReason: 1000,
  ratingComment: 2000,
  hideReason: 1000,
} as const;
