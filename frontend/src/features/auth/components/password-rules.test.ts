import { describe, expect, it } from 'vitest';
import { emailProblem, isCommonPassword, passwordProblem } from './password-rules';

describe('password hints', () => {
  it('asks for at least 10 characters and at most 72 bytes', () => {
    expect(passwordProblem('short')).toBe('Use at least 10 characters (5 so far).');
    expect(passwordProblem('nine-char')).toMatch(/at least 10/);
    expect(passwordProblem('ten chars!')).toBeNull();
    expect(passwordProblem(`${'éàü'.repeat(12)}x`)).toMatch(/at most 72 bytes/);
    expect(passwordProblem('éàü'.repeat(12))).toBeNull();
  });

  it('refuses common passwords, with digits and symbols tacked on, whatever their case', () => {
    expect(isCommonPassword('Password123')).toBe(true);
    expect(isCommonPassword('Password2024!')).toBe(true);
    expect(isCommonPassword('abababababab')).toBe(true);
    expect(passwordProblem('QWERTYUIOP')).toBe('This password is too common; choose another.');
    expect(passwordProblem('correct horse battery')).toBeNull();
  });

  it('refuses the email or its local part', () => {
    expect(passwordProblem('asha.rao.pune', 'Asha.Rao.Pune@example.org')).toBe(
      'Do not use your email as the password.',
    );
    expect(passwordProblem('asha.rao.pune', 'someone@example.org')).toBeNull();
  });

  it('hints at a malformed email', () => {
    expect(emailProblem('asha@example.org')).toBeNull();
    expect(emailProblem('asha@')).toBe('Enter an email address.');
  });
});
