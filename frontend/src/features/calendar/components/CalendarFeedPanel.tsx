import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useCreateCalendarFeed, useRevokeCalendarFeed } from '../api/calendar-feed';

type Asking = 'replace' | 'revoke' | null;

/** Create, copy, replace or revoke the member's secret calendar feed URL. The server keeps only
 * a hash of the secret, so the URL can be shown once only: after a reload, "Replace" makes a new
 * one. Replacing and revoking ask first: calendars on the old URL stop updating. */
export function CalendarFeedPanel() {
  const t = useT();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const yesRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);

  const makeFeed = () =>
    create.mutate(undefined, {
      onSuccess: (feed) => {
        setUrl(feed.url);
        setMessage(t('member.calendar.created'));
      },
    });
  const revokeFeed = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setUrl(null);
        setMessage(t('member.calendar.revoked'));
      },
    });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage(t('member.calendar.copied'));
    } catch {
      setMessage(t('member.calendar.copyFailed'));
    }
  };

  return (
    <section className="panel stack" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">{t('member.calendar.heading')}</h2>
      <p className="muted">{t('member.calendar.intro')}</p>
      {url ? (
        <div className="field">
          <label htmlFor="calendar-feed-url">{t('member.calendar.url')}</label>
          <input
            id="calendar-feed-url"
            type="text"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
          />
        </div>
      ) : null}
      {asking ? (
        <div
          className="alert alert--info stack"
          role="group"
          aria-labelledby="calendar-feed-question"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setAsking(null);
            }
          }}
        >
          <p id="calendar-feed-question">
            {asking === 'replace'
              ? t('member.calendar.replaceQuestion')
              : t('member.calendar.revokeQuestion')}
          </p>
          <div className="actions">
            <button
              ref={yesRef}
              type="button"
              className="button button--danger"
              onClick={() => {
                const action = asking;
                setAsking(null);
                if (action === 'replace') makeFeed();
                else revokeFeed();
              }}
            >
              {asking === 'replace'
                ? t('member.calendar.confirmReplace')
                : t('member.calendar.confirmRevoke')}
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)}>
              {t('member.calendar.keep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="inline-form">
          <button
            type="button"
            className="button button--primary"
            disabled={create.isPending}
            onClick={() => (url ? setAsking('replace') : makeFeed())}
          >
            {url ? t('member.calendar.replace') : t('member.calendar.create')}
          </button>
          {url ? (
            <button type="button" className="button" onClick={() => void copy()}>
              {t('member.calendar.copy')}
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={revoke.isPending}
            onClick={() => setAsking('revoke')}
          >
            {t('member.calendar.revoke')}
          </button>
        </div>
      )}
      <ProblemAlert error={create.error} title={t('member.calendar.createFailed')} />
      <ProblemAlert error={revoke.error} title={t('member.calendar.revokeFailed')} />
      {message ? (
        <p role="status" className="muted">
          {message}
        </p>
      ) : null}
    </section>
  );
}
