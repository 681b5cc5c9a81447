import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCreateCalendarFeed, useRevokeCalendarFeed } from '../api/calendar-feed';

/** Create, copy, replace or revoke the member's secret calendar feed URL. The server keeps only
 * a hash of the secret, so the URL can be shown once only: after a reload, "Replace" makes a new
 * one. */
export function CalendarFeedPanel() {
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const makeFeed = () =>
    create.mutate(undefined, {
      onSuccess: (feed) => {
        setUrl(feed.url);
        setMessage('New feed URL created. Any older URL no longer works.');
      },
    });
  const revokeFeed = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setUrl(null);
        setMessage('Feed URL revoked. Calendars using it stop updating.');
      },
    });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Feed URL copied.');
    } catch {
      setMessage('Could not copy: select the URL and copy it yourself.');
    }
  };

  return (
    <section className="panel stack" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">Calendar feed</h2>
      <p className="muted">
        Subscribe to this private URL in Google Calendar, Apple Calendar or Outlook to see the
        events you are registered or waitlisted for. Anyone with the URL can see them, so keep it to
        yourself; replace or revoke it at any time.
      </p>
      {url ? (
        <div className="field">
          <label htmlFor="calendar-feed-url">Your feed URL</label>
          <input
            id="calendar-feed-url"
            type="text"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
          />
        </div>
      ) : null}
      <div className="inline-form">
        <button
          type="button"
          className="button button--primary"
          disabled={create.isPending}
          onClick={makeFeed}
        >
          {url ? 'Replace feed URL' : 'Create feed URL'}
        </button>
        {url ? (
          <button type="button" className="button" onClick={() => void copy()}>
            Copy URL
          </button>
        ) : null}
        <button type="button" className="button" disabled={revoke.isPending} onClick={revokeFeed}>
          Revoke feed
        </button>
      </div>
      <ProblemAlert error={create.error} title="Could not create the feed" />
      <ProblemAlert error={revoke.error} title="Could not revoke the feed" />
      {message ? (
        <p role="status" className="muted">
          {message}
        </p>
      ) : null}
    </section>
  );
}
