import { useT } from '@/i18n';
import { fieldErrorMessage, problemMessage } from '@/i18n/problems';
import { fieldKey, isApiError } from '@/lib/api-client';

interface ProblemAlertProps {
  error: unknown;
  /** Field keys the form already shows next to its inputs. */
  shownFields?: readonly string[];
  /** Labels of fields the form does not show, to name them in the list. */
  fieldLabels?: Readonly<Record<string, string>>;
  title?: string;
  /** Offers "Try again" (a failed load, or an outage). */
  onRetry?: () => void;
}

/**
 * An API problem in the person's language: the code's message (or the server's), and each
 * validation error no field of the form shows. When the fields show them all, the alert only
 * says so: each message appears once, next to its field.
 */
export function ProblemAlert({
  error,
  shownFields = [],
  fieldLabels = {},
  title,
  onRetry,
}: ProblemAlertProps) {
  const t = useT();
  if (!error) return null;
  const fieldErrors = isApiError(error) ? error.errors : [];
  const extra = fieldErrors.filter((e) => !shownFields.includes(fieldKey(e.loc)));
  const message =
    fieldErrors.length > 0 && extra.length === 0
      ? t('problems.checkFields')
      : fieldErrors.length > 0
        ? t('problems.checkValues')
        : problemMessage(t, error);
  return (
    <div
      className="alert alert--error"
      role="alert"
      data-testid="problem"
      data-code={isApiError(error) ? error.code : undefined}
    >
      {title ? <p className="alert__title">{title}</p> : null}
      <p>{message}</p>
      {extra.length > 0 ? (
        <ul>
          {extra.map((e, i) => {
            const label = fieldLabels[fieldKey(e.loc)];
            return (
              <li key={i}>
                {label ? <strong>{label}: </strong> : null}
                {fieldErrorMessage(t, e)}
              </li>
            );
          })}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
