import { useState, type SubmitEvent } from 'react';
import { Loading } from '@/components/Loading';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
import { useMyRating } from '../api/get-my-rating';
import { useSaveRating, useWithdrawRating } from '../api/save-rating';
import { COMMENT_MAX, type MyRating, type Rater } from '../api/types';
import { StarInput } from './StarInput';

const SHOWN_FIELDS = ['comment', 'score'] as const;

interface RatingFormProps {
  eventId: string;
  rater: Rater;
}

/** Rate the event (1–5 stars, optional comment), change the rating, or withdraw it. */
export function RatingForm({ eventId, rater }: RatingFormProps) {
  const t = useT();
  const mine = useMyRating(eventId, rater);
  // Here, not in the fields: a save re-keys the fields, and its answer must outlive that.
  const save = useSaveRating(eventId, rater);
  const withdraw = useWithdrawRating(eventId, rater);
  return (
    <section className="panel stack" aria-labelledby="rate-heading" data-testid="rating-widget">
      <h2 id="rate-heading">{t('member.ratings.form.heading')}</h2>
      {mine.isPending ? <Loading label={t('member.ratings.form.loading')} /> : null}
      <ProblemAlert
        error={mine.error}
        title={t('member.ratings.form.loadFailed')}
        onRetry={() => void mine.refetch()}
      />
      {save.isSuccess ? (
        <p className="alert alert--success" role="status" data-testid="rating-saved">
          {t('member.ratings.form.saved')}
        </p>
      ) : null}
      {withdraw.isSuccess ? (
        <p className="alert alert--success" role="status" data-testid="rating-withdrawn">
          {t('member.ratings.form.withdrawn')}
        </p>
      ) : null}
      <ProblemAlert
        error={save.error}
        shownFields={SHOWN_FIELDS}
        title={t('member.ratings.form.saveFailed')}
      />
      <ProblemAlert error={withdraw.error} title={t('member.ratings.form.withdrawFailed')} />
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
  const t = useT();
  const format = useFormat();
  const [score, setScore] = useState<number | null>(mine?.score ?? null);
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [missing, setMissing] = useState(false);
  const { errors, clear } = useServerErrors(save.error);
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
          {mine.hidden_reason
            ? t('member.ratings.form.hiddenWithReason', { reason: mine.hidden_reason })
            : t('member.ratings.form.hidden')}
        </p>
      ) : null}
      <div className={`field${missing || errors.score ? ' field--invalid' : ''}`}>
        <StarInput
          id="rating-stars"
          label={t('member.ratings.form.stars')}
          value={score}
          onChange={(next) => {
            setScore(next);
            setMissing(false);
            clear('score');
          }}
          disabled={busy}
          describedBy={missing || errors.score ? 'rating-stars-error' : undefined}
        />
        {missing || errors.score ? (
          <p id="rating-stars-error" className="field__error">
            {errors.score ?? t('member.ratings.form.starsMissing')}
          </p>
        ) : null}
      </div>
      <div className={`field${errors.comment ? ' field--invalid' : ''}`}>
        <div className="field__label">
          <label htmlFor="rating-comment">{t('member.ratings.form.comment')}</label>
        </div>
        <textarea
          id="rating-comment"
          rows={4}
          maxLength={COMMENT_MAX}
          value={comment}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={`rating-comment-count${errors.comment ? ' rating-comment-error' : ''}`}
          onChange={(e) => {
            setComment(e.target.value);
            clear('comment');
          }}
        />
        <p
          id="rating-comment-count"
          className={`field__hint counter${comment.length >= COMMENT_MAX ? ' counter--full' : ''}`}
        >
          {t('member.ratings.form.counter', {
            n: format.number(comment.length),
            max: format.number(COMMENT_MAX),
          })}
        </p>
        {errors.comment ? (
          <p id="rating-comment-error" className="field__error">
            {errors.comment}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {save.isPending
            ? t('member.ratings.form.saving')
            : mine
              ? t('member.ratings.form.change')
              : t('member.ratings.form.save')}
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
            {withdraw.isPending
              ? t('member.ratings.form.withdrawing')
              : t('member.ratings.form.withdraw')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
