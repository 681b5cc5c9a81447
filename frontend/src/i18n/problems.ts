import type { TFunction } from 'i18next';
import { fieldKey, isApiError, type ProblemFieldError } from '@/lib/api-error';

// Server problems in the person's language. The API's `msg`/`detail` are English; a field
// error's `type` (pydantic's rule, or the domain's code) and `ctx` (its limits), and a
// problem's `code`, pick the catalogue's message instead. The English text is the last resort.

/** The message for one field error: field-specific rule, then the rule, then "invalid". */
export function fieldErrorMessage(t: TFunction, error: ProblemFieldError): string {
  const type = error.type ?? 'value_error';
  const field = fieldKey(error.loc);
  const values = { ...(error.ctx ?? {}), defaultValue: '' };
  const keys = [field ? `problems.fields.${field}.${type}` : '', `problems.types.${type}`].filter(
    Boolean,
  );
  for (const key of keys) {
    const text = t(key, values);
    if (text && text !== key) return text;
  }
  return t('problems.types.invalid');
}

/** Field errors by form key (`location.country`), each in the person's language, once. */
export function translatedFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const item of error.errors) {
    const key = fieldKey(item.loc);
    const text = fieldErrorMessage(t, item);
    if (!out[key]) out[key] = text;
    else if (!out[key].includes(text)) out[key] = `${out[key]} ${text}`;
  }
  return out;
}

/** A problem's headline: its code's message when the catalogue has one, else the server's. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('common.somethingWrong');
  const text = t(`problems.codes.${error.code}`, { defaultValue: '' });
  if (text) return text;
  if (error.status >= 500) return t('problems.codes.server_error');
  return error.message;
}
