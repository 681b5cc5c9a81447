import { Trans, useT } from '@/i18n';
import type { RegistrationCreated } from '@/types/api';

export function RegistrationResult({ result }: { result: RegistrationCreated }) {
  const t = useT();
  const confirmed = result.status === 'confirmed';
  return (
    <div
      className={`alert ${confirmed ? 'alert--success' : 'alert--info'}`}
      role="status"
      data-testid="registration-result"
      data-status={result.status}
    >
      <p className="alert__title">
        {confirmed ? (
          <Trans i18nKey="registrations.result.confirmed" components={{ b: <strong /> }} />
        ) : (
          <Trans
            i18nKey="registrations.result.waitlisted"
            values={{ position: result.waitlist_position ?? '?' }}
            components={{ b: <strong /> }}
          />
        )}
      </p>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('registrations.result.status')}</dt>
          <dd data-testid="registration-status">{t(`registrations.status.${result.status}`)}</dd>
        </div>
        {result.waitlist_position != null ? (
          <div>
            <dt>{t('registrations.result.position')}</dt>
            <dd data-testid="waitlist-position">{result.waitlist_position}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('registrations.result.id')}</dt>
          <dd>
            <code>{result.registration_id}</code>
          </dd>
        </div>
        {result.cancel_token ? (
          <div>
            <dt>{t('registrations.result.token')}</dt>
            <dd>
              <code data-testid="cancel-token">{result.cancel_token}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      {result.cancel_token ? <p className="muted">{t('registrations.result.tokenHint')}</p> : null}
    </div>
  );
}
