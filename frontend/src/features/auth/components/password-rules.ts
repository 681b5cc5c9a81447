// Client-side hints that follow the server's password rule (eventconnect/security.py): at least
// 10 characters, at most 72 bytes, not a common password (nor one with digits and symbols
// tacked on), not two characters repeated, not the email. The server has the final word and the
// full list; this short list catches the obvious ones before a round trip.

import { i18n } from '@/i18n';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_BYTES = 72;

const COMMON = new Set(
  (
    '0123456789 0987654321 1234567890 12345678910 123456789a 123123123123 1q2w3e4r5t ' +
    '1qaz2wsx3edc abc123 abcdef abcdefghij admin administrator analyst asdfghjkl baseball ' +
    'changeme community communityevents dragon eventconnect football freedom fundraiser ' +
    'helloworld iloveyou letmein letmeinnow login master member monkey organizer pass ' +
    'password princess qazwsxedc qwerty qwertyui qwertyuiop seminar shadow starwars ' +
    'sunshine superman trustme volunteer welcome whatever workshop zxcvbnm'
  ).split(' '),
);

const TRAILING = /[0-9!@#$%^&*()\-_=+.?~ ]+$/;

/** Listed, listed once trailing digits and symbols are dropped, or two characters repeated. */
export function isCommonPassword(password: string): boolean {
  const folded = password.toLowerCase();
  const stem = folded.replace(TRAILING, '');
  return COMMON.has(folded) || COMMON.has(stem) || new Set(folded).size <= 2;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The first rule the password breaks, as a message for its field, or null. */
export function passwordProblem(password: string, email = ''): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return i18n.t('auth.password.tooShort', { min: MIN_PASSWORD_LENGTH, count: password.length });
  }
  if (utf8Length(password) > MAX_PASSWORD_BYTES) {
    return i18n.t('auth.password.tooLong', { max: MAX_PASSWORD_BYTES });
  }
  if (isCommonPassword(password)) return i18n.t('auth.password.common');
  const mail = email.trim().toLowerCase();
  const folded = password.toLowerCase();
  if (mail && (folded === mail || folded === mail.split('@')[0])) {
    return i18n.t('auth.password.isEmail');
  }
  return null;
}

/** A rough email check for a hint before submitting; the server validates for real. */
export function emailProblem(email: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? null : i18n.t('auth.email.invalid');
}

export interface NewPasswordErrors {
  password?: string | undefined;
  repeat?: string | undefined;
}

/** The sign-up rules for the new password, then the repeat must match. */
export function newPasswordProblems(
  password: string,
  repeat: string,
  email = '',
): NewPasswordErrors {
  const problem = passwordProblem(password, email);
  if (problem) return { password: problem };
  if (repeat !== password) return { repeat: i18n.t('account.changePassword.differ') };
  return {};
}
