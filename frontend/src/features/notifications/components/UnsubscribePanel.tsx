import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useUnsubscribe } from '../api/unsubscribe';

/** The page an email's unsubscribe link opens: one button, nothing happens before it. */
export function UnsubscribePanel({ token }: { token: string }) {
  const t = useT();
  const unsubscribe = useUnsubscribe();
  if (!token) {
    return (
      <p className="alert alert--error" role="alert">
        {t('member.unsubscribe.noToken')}
      </p>
    );
  }
  if (unsubscribe.isSuccess) {
    return (
      <p className="alert alert--success" role="status" data-testid="unsubscribed">
        {t('member.unsubscribe.done')}
      </p>
    );
  }
  return (
    <div className="panel stack form--narrow">
      <p>{t('member.unsubscribe.question')}</p>
      <ProblemAlert error={unsubscribe.error} title={t('member.unsubscribe.failed')} />
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={unsubscribe.isPending}
          onClick={() => unsubscribe.mutate(token)}
        >
          {unsubscribe.isPending ? t('member.unsubscribe.busy') : t('member.unsubscribe.button')}
        </button>
      </div>
    </div>
  );
}
