import { useState, type SubmitEvent } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/datetime';
import { useRatings } from '../api/get-ratings';
import { useModerateRating } from '../api/moderate-rating';
import { REASON_MAX, type RatingItem } from '../api/types';
import { RatingSummary } from './RatingSummary';
import { Stars } from './Stars';

const PAGE_SIZE = 20;

/** Manage → Feedback: every rating, hidden ones included, with hide (and a reason) / unhide. */
export function FeedbackTab({ eventId }: { eventId: string }) {
  const [page, setPage] = useState(1);
  const ratings = useRatings(eventId, { page, page_size: PAGE_SIZE, include_hidden: true });
  const moderate = useModerateRating(eventId);

  return (
    <div className="stack">
      {ratings.isPending ? <Loading label="Loading feedback…" /> : null}
      {ratings.isError ? <ProblemAlert error={ratings.error} /> : null}
      <ProblemAlert error={moderate.error} title="Could not change the comment" />
      {ratings.data ? (
        <>
          <RatingSummary ratings={ratings.data} />
          <p className="muted">
            Hiding a comment removes it from the public page; its score still counts and the history
            keeps it.
          </p>
          {ratings.data.items.length === 0 ? <p>No ratings yet.</p> : null}
          <ul className="comments" aria-label="All ratings">
            {ratings.data.items.map((rating) => (
              <FeedbackItem
                key={rating.rating_id}
                rating={rating}
                busy={moderate.isPending}
                onHide={(reason) => moderate.mutate({ ratingId: rating.rating_id, reason })}
                onUnhide={() => moderate.mutate({ ratingId: rating.rating_id })}
              />
            ))}
          </ul>
          <Pagination
            page={ratings.data.page}
            pageSize={ratings.data.page_size}
            total={ratings.data.total}
            onPageChange={setPage}
            label="Feedback pages"
          />
        </>
      ) : null}
    </div>
  );
}

interface FeedbackItemProps {
  rating: RatingItem;
  busy: boolean;
  onHide: (reason: string) => void;
  onUnhide: () => void;
}

function FeedbackItem({ rating, busy, onHide, onUnhide }: FeedbackItemProps) {
  const [hiding, setHiding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const hidden = rating.hidden;
  const reasonId = `hide-reason-${rating.rating_id}`;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Say why the comment is hidden.');
      document.getElementById(reasonId)?.focus();
      return;
    }
    onHide(reason.trim());
    setHiding(false);
    setReason('');
    setReasonError(null);
  };

  return (
    <li
      className={`comment${hidden ? ' comment--hidden' : ''}`}
      data-testid="feedback-item"
      data-hidden={hidden}
    >
      <p className="comment__head">
        <Stars score={rating.score} /> <strong>{rating.author_name}</strong>{' '}
        <time className="muted" dateTime={rating.rated_at}>
          {formatDateTime(rating.rated_at)}
        </time>{' '}
        {hidden ? <span className="badge badge--cancelled">Hidden</span> : null}
      </p>
      {rating.comment ? <p className="comment__body">{rating.comment}</p> : null}
      {hidden && rating.hidden_reason ? (
        <p className="muted">Reason: {rating.hidden_reason}</p>
      ) : null}
      {hidden ? (
        <button type="button" className="button button--small" disabled={busy} onClick={onUnhide}>
          Unhide
        </button>
      ) : rating.comment && !hiding ? (
        <button
          type="button"
          className="button button--small button--danger"
          disabled={busy}
          aria-label={`Hide the comment of ${rating.author_name}`}
          onClick={() => setHiding(true)}
        >
          Hide
        </button>
      ) : null}
      {hiding ? (
        <form className="inline-form" onSubmit={submit} noValidate>
          <div className={`field${reasonError ? ' field--invalid' : ''}`}>
            <label htmlFor={reasonId}>Reason for hiding</label>
            <input
              id={reasonId}
              value={reason}
              maxLength={REASON_MAX}
              required
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonError ? (
              <p id={`${reasonId}-error`} className="field__error">
                {reasonError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--danger" disabled={busy}>
            Hide comment
          </button>
          <button type="button" className="button" onClick={() => setHiding(false)}>
            Keep it
          </button>
        </form>
      ) : null}
    </li>
  );
}
