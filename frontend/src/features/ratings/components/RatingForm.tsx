import { useState, type SubmitEvent } from 'react';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { fieldErrors } from '@/lib/api-client';
import { useMyRating } from '../api/get-my-rating';
import { useSaveRating, useWithdrawRating } from '../api/save-rating';
import { COMMENT_MAX, type MyRating, type Rater } from '../api/types';
import { StarInput } from './StarInput';

interface RatingFormProps {
  eventId: string;
  rater: Rater;
}

/** Rate the event (1–5 stars, optional comment), change the rating, or withdraw it. */
export function RatingForm({ eventId, rater }: RatingFormProps) {
  const mine = useMyRating(eventId, rater);
  // Here, not in the fields: a save re-keys the fields, and its answer must outlive that.
  const save = useSaveRating(eventId, rater);
  const withdraw = useWithdrawRating(eventId, rater);
  return (
    <section className="panel stack" aria-labelledby="rate-heading" data-testid="rating-widget">
      <h2 id="rate-heading">Your rating</h2>
      {mine.isPending ? <Loading label="Loading your rating…" /> : null}
      <ProblemAlert error={mine.error} title="Could not load your rating" />
      {save.isSuccess ? (
        <p className="alert alert--success" role="status" data-testid="rating-saved">
          Thanks! Your rating is saved.
        </p>
      ) : null}
      {withdraw.isSuccess ? (
        <p className="alert alert--success" role="status" data-testid="rating-withdrawn">
          Your rating is withdrawn.
        </p>
      ) : null}
      <ProblemAlert error={save.error} shownFields={['comment', 'score']} title="Could not save" />
      <ProblemAlert error={withdraw.error} title="Could not withdraw" />
      {mine.isPending ? null : (
        // Keyed on what the server holds, so a saved or withdrawn rating resets the form.
        <RatingFields
          key={mine.data ? `${mine.data.rating_id}:${mine.data.score}` : 'none'}
          mine={mine.data ?? null}
          save={save}
          withdraw={withdraw}
        />
      )}
    </section>
  );
}

interface RatingFieldsProps {
  mine: MyRating | null;
  save: ReturnType<typeof useSaveRating>;
  withdraw: ReturnType<typeof useWithdrawRating>;
}

function RatingFields({ mine, save, withdraw }: RatingFieldsProps) {
  const [score, setScore] = useState<number | null>(mine?.score ?? null);
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(save.error);
  const busy = save.isPending || withdraw.isPending;
  const canWithdraw = mine !== null;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (score === null) {
      setMissing(true);
      document.getElementById('rating-stars')?.focus();
      return;
    }
    setMissing(false);
    withdraw.reset();
    const text = comment.trim();
    save.mutate({ score, comment: text ? text : null });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {mine?.hidden ? (
        <p className="alert alert--info" data-testid="rating-hidden">
          The organizer hid your comment from the event page
          {mine.hidden_reason ? ` (“${mine.hidden_reason}”)` : ''}. Your stars still count.
        </p>
      ) : null}
      <div className={`field${missing || errors.score ? ' field--invalid' : ''}`}>
        <StarInput
          id="rating-stars"
          label="Stars"
          value={score}
          onChange={(next) => {
            setScore(next);
            setMissing(false);
          }}
          disabled={busy}
          describedBy={missing || errors.score ? 'rating-stars-error' : undefined}
        />
        {missing || errors.score ? (
          <p id="rating-stars-error" className="field__error">
            {errors.score ?? 'Choose 1 to 5 stars.'}
          </p>
        ) : null}
      </div>
      <div className={`field${errors.comment ? ' field--invalid' : ''}`}>
        <div className="field__label">
          <label htmlFor="rating-comment">Comment (optional)</label>
        </div>
        <textarea
          id="rating-comment"
          rows={4}
          maxLength={COMMENT_MAX}
          value={comment}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={`rating-comment-count${errors.comment ? ' rating-comment-error' : ''}`}
          onChange={(e) => setComment(e.target.value)}
        />
        <p
          id="rating-comment-count"
          className={`field__hint counter${comment.length >= COMMENT_MAX ? ' counter--full' : ''}`}
        >
          {comment.length.toLocaleString('en')} / {COMMENT_MAX.toLocaleString('en')} characters
        </p>
        {errors.comment ? (
          <p id="rating-comment-error" className="field__error">
            {errors.comment}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {save.isPending ? 'Saving…' : mine ? 'Change rating' : 'Save rating'}
        </button>
        {canWithdraw ? (
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => {
              save.reset();
              withdraw.mutate();
            }}
          >
            {withdraw.isPending ? 'Withdrawing…' : 'Withdraw rating'}
          </button>
        ) : null}
      </div>
    </form>
  );
}
