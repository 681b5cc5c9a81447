import { useT } from '@/i18n';
import { fieldKey, isApiError } from '@/lib/api-client';

interface ProblemAlertProps {
  error: unknown;
  /** Field keys the form already shows next to its inputs. */
  shownFields?: readonly string[];
  title?: string;
}

/** Shows an API problem's `detail` (and any validation errors no field shows) to the user. */
export function ProblemAlert({ error, shownFields = [], title }: ProblemAlertProps) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('common.somethingWrong');
  const extra = isApiError(error)
    ? error.errors.filter((e) => !shownFields.includes(fieldKey(e.loc)))
    : [];
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
          {extra.map((e, i) => (
            <li key={i}>
              {fieldKey(e.loc) ? <strong>{fieldKey(e.loc)}: </strong> : null}
              {e.msg}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
