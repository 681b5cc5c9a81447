import { ProblemAlert } from '@/components/ProblemAlert';
import { useUnsubscribe } from '../api/unsubscribe';

/** The page an email's unsubscribe link opens: one button, nothing happens before it. */
export function UnsubscribePanel({ token }: { token: string }) {
  const unsubscribe = useUnsubscribe();
  if (!token) {
    return (
      <p className="alert alert--error" role="alert">
        This link is incomplete: it carries no token. Open the link from the email again.
      </p>
    );
  }
  if (unsubscribe.isSuccess) {
    return (
      <p className="alert alert--success" role="status" data-testid="unsubscribed">
        Done: you will get no more reminders for this. Other emails (confirmations, changes) still
        come.
      </p>
    );
  }
  return (
    <div className="panel stack form--narrow">
      <p>Stop the reminder emails this link was sent with?</p>
      <ProblemAlert error={unsubscribe.error} title="Could not unsubscribe" />
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={unsubscribe.isPending}
          onClick={() => unsubscribe.mutate(token)}
        >
          {unsubscribe.isPending ? 'Unsubscribing…' : 'Stop reminders'}
        </button>
      </div>
    </div>
  );
}
