import { Field } from '@/components/Field';
import { useT } from '@/i18n';
import { MIN_PASSWORD_LENGTH, type NewPasswordErrors } from './password-rules';

interface NewPasswordFieldsProps {
  /** Ids are `<prefix>-password` and `<prefix>-repeat`. */
  idPrefix: string;
  password: string;
  repeat: string;
  errors: NewPasswordErrors;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}

interface NewPasswordFieldProps {
  id: string;
  label: string;
  password: string;
  error?: string;
  onChange: (value: string) => void;
}

/** A new password's field, with the rule as its hint and, while typing, how many characters
 * are still missing. Sign-up's "Password" and the profile's "New password". */
export function NewPasswordField({ id, label, password, error, onChange }: NewPasswordFieldProps) {
  const t = useT();
  const remaining = Math.max(0, MIN_PASSWORD_LENGTH - password.length);
  return (
    <Field
      id={id}
      label={label}
      required
      error={error}
      hint={
        password && remaining > 0
          ? t('auth.signup.passwordHintRemaining', { min: MIN_PASSWORD_LENGTH, count: remaining })
          : t('auth.signup.passwordHint', { min: MIN_PASSWORD_LENGTH })
      }
    >
      {(c) => (
        <input
          {...c}
          type="password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          autoComplete="new-password"
          value={password}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** "New password" (with the sign-up hint) and "New password again". */
export function NewPasswordFields({
  idPrefix,
  password,
  repeat,
  errors,
  onPassword,
  onRepeat,
}: NewPasswordFieldsProps) {
  const t = useT();
  return (
    <>
      <NewPasswordField
        id={`${idPrefix}-password`}
        label={t('account.changePassword.new')}
        password={password}
        error={errors.password}
        onChange={onPassword}
      />
      <Field
        id={`${idPrefix}-repeat`}
        label={t('account.changePassword.repeat')}
        required
        error={errors.repeat}
      >
        {(c) => (
          <input
            {...c}
            type="password"
            required
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => onRepeat(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
