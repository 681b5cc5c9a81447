import { useEffect, useState, type SubmitEvent } from 'react';
import { Loading } from '@/components/Loading';
import { Pagination } from '@/components/Pagination';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useRatings } from '../api/get-ratings';
import { useModerateRating } from '../api/moderate-rating';
import { REASON_MAX, type RatingItem } from '../api/types';
import { RatingSummary } from './RatingSummary';
import { Stars } from './Stars';

const PAGE_SIZE = 20;

/** Manage → Feedback: every rating, hidden ones included, with hide (and a reason) / unhide. */
export function FeedbackTab({ eventId }: { eventId: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const ratings = useRatings(eventId, { page, page_size: PAGE_SIZE, include_hidden: true });
  const moderate = useModerateRating(eventId);

  return (
    <div className="stack">
      {ratings.isPending ? <Loading label={t('organizer.feedback.loading')} /> : null}
      {ratings.isError ? (
        <ProblemAlert error={ratings.error} onRetry={() => void ratings.refetch()} />
      ) : null}
      <ProblemAlert error={moderate.error} title={t('organizer.feedback.moderateFailed')} />
      {ratings.data ? (
        <>
          <RatingSummary ratings={ratings.data} />
          <p className="muted">{t('organizer.feedback.explain')}</p>
          {ratings.data.items.length === 0 ? <p>{t('organizer.feedback.empty')}</p> : null}
          <ul className="comments" aria-label={t('organizer.feedback.all')}>
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
            label={t('organizer.feedback.pages')}
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
  const t = useT();
  const format = useFormat();
  const [hiding, setHiding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const hidden = rating.hidden;
  const reasonId = `hide-reason-${rating.rating_id}`;
  useEffect(() => {
    // The second step opens with the focus in it, so a keyboard user answers it next.
    if (hiding) document.getElementById(reasonId)?.focus();
  }, [hiding, reasonId]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('organizer.feedback.reasonMissing'));
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
          {format.dateTime(rating.rated_at)}
        </time>{' '}
        {hidden ? (
          <span className="badge badge--cancelled">{t('organizer.feedback.hidden')}</span>
        ) : null}
      </p>
      {rating.comment ? <p className="comment__body">{rating.comment}</p> : null}
      {hidden && rating.hidden_reason ? (
        <p className="muted">{t('organizer.feedback.reason', { reason: rating.hidden_reason })}</p>
      ) : null}
      {hidden ? (
        <button type="button" className="button button--small" disabled={busy} onClick={onUnhide}>
          {t('organizer.feedback.unhide')}
        </button>
      ) : rating.comment && !hiding ? (
        <button
          type="button"
          className="button button--small button--danger"
          disabled={busy}
          aria-label={t('organizer.feedback.hideLabel', { name: rating.author_name })}
          onClick={() => setHiding(true)}
        >
          {t('organizer.feedback.hide')}
        </button>
      ) : null}
      {hiding ? (
        <form
          className="inline-form"
          onSubmit={submit}
          noValidate
          aria-labelledby={`${reasonId}-question`}
        >
          <p id={`${reasonId}-question`}>
            {t('organizer.feedback.hideQuestion', { name: rating.author_name })}
          </p>
          <div className={`field${reasonError ? ' field--invalid' : ''}`}>
            <label htmlFor={reasonId}>{t('organizer.feedback.reasonLabel')}</label>
            <input
              id={reasonId}
              value={reason}
              maxLength={REASON_MAX}
              required
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(null);
              }}
            />
            {reasonError ? (
              <p id={`${reasonId}-error`} className="field__error">
                {reasonError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--danger" disabled={busy}>
            {t('organizer.feedback.confirmHide')}
          </button>
          <button type="button" className="button" onClick={() => setHiding(false)}>
            {t('organizer.feedback.keep')}
          </button>
        </form>
      ) : null}
    </li>
  );
}
