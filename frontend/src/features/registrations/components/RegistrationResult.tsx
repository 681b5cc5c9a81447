import type { RegistrationCreated } from '@/types/api';

export function RegistrationResult({ result }: { result: RegistrationCreated }) {
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
          <>
            You are <strong>confirmed</strong>.
          </>
        ) : (
          <>
            You are <strong>waitlisted</strong>, position {result.waitlist_position ?? '?'}.
          </>
        )}
      </p>
      <dl className="facts facts--compact">
        <div>
          <dt>Status</dt>
          <dd data-testid="registration-status">{result.status}</dd>
        </div>
        {result.waitlist_position != null ? (
          <div>
            <dt>Waitlist position</dt>
            <dd data-testid="waitlist-position">{result.waitlist_position}</dd>
          </div>
        ) : null}
        <div>
          <dt>Registration id</dt>
          <dd>
            <code>{result.registration_id}</code>
          </dd>
        </div>
        {result.cancel_token ? (
          <div>
            <dt>Cancel token</dt>
            <dd>
              <code data-testid="cancel-token">{result.cancel_token}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      {result.cancel_token ? (
        <p className="muted">
          This browser remembers the token, so you can cancel below. Keep a copy to cancel from
          elsewhere.
        </p>
      ) : null}
    </div>
  );
}
