import { useState } from 'react';
import { useT } from '@/i18n';
import { translatedFieldErrors } from '@/i18n/problems';

/**
 * A form's server-side field errors in the person's language, keyed like the form's fields
 * (`location.country`). `clear(field)` hides a field's error once the person changes it, so an
 * old complaint is never shown next to a fixed value; a new failed submit shows them again.
 */
export function useServerErrors(error: unknown) {
  const t = useT();
  const [cleared, setCleared] = useState<{ error: unknown; fields: readonly string[] }>({
    error: null,
    fields: [],
  });
  const hidden = cleared.error === error ? cleared.fields : [];
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(translatedFieldErrors(t, error))) {
    if (!hidden.includes(field)) errors[field] = message;
  }
  const clear = (field: string) => {
    if (!(field in errors)) return;
    // Functional: two clears in one handler both count.
    setCleared((current) => ({
      error,
      fields: [...(current.error === error ? current.fields : []), field],
    }));
  };
  return { errors, clear };
}
