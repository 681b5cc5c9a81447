import { Field } from '@/components/Field';
import { useT } from '@/i18n';
import { LIMITS } from '@/types/limits';

interface EmailFieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  label?: string;
}

/** The e-mail field of every form: required, the server's length cap, the browser's autofill. */
export function EmailField({ id, value, onChange, error, label }: EmailFieldProps) {
  const t = useT();
  return (
    <Field id={id} label={label ?? t('auth.email.label')} required error={error}>
      {(c) => (
        <input
          {...c}
          type="email"
          required
          maxLength={LIMITS.email}
          autoComplete="email"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
