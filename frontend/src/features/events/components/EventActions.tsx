import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useServerErrors } from '@/components/use-server-errors';
import { useT } from '@/i18n';
import type { EventOut } from '@/types/api';
import { LIMITS } from '@/types/limits';
import { useCancelEvent } from '../api/cancel-event';
import { useDeleteEvent } from '../api/delete-event';
import { usePublishEvent } from '../api/publish-event';
import { useUpdateEvent } from '../api/update-event';

/** Moves the focus to the confirmation's first button when it appears (keyboard, screen reader). */
function useFocusWhen(open: boolean) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  return ref;
}

/** Organizer commands on one event: publish, capacity, cancel with a reason, delete. */
export function EventActions({ event }: { event: EventOut }) {
  const t = useT();
  const navigate = useNavigate();
  const publish = usePublishEvent(event.id);
  const update = useUpdateEvent(event.id);
  const cancel = useCancelEvent(event.id);
  const remove = useDeleteEvent(event.id);
  const capacityErrors = useServerErrors(update.error);
  const reasonErrors = useServerErrors(cancel.error);
  const [capacity, setCapacity] = useState(String(event.capacity));
  const [reason, setReason] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const cancelRef = useFocusWhen(confirmCancel);
  const deleteRef = useFocusWhen(confirmDelete);
  const cancelled = event.status === 'cancelled';
  const capacityError = capacityErrors.errors.capacity;
  const reasonError = reasonErrors.errors.reason;

  const changeCapacity = (e: SubmitEvent) => {
    e.preventDefault();
    update.mutate({ capacity: Number(capacity) });
  };
  // The reason first, then a second step that says who is told: cancelling cannot be undone.
  const askCancel = (e: SubmitEvent) => {
    e.preventDefault();
    setConfirmCancel(true);
  };
  const cancelEvent = () => {
    cancel.mutate(reason.trim(), { onSettled: () => setConfirmCancel(false) });
  };

  return (
    <section className="panel stack" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('organizer.actions.heading')}</h2>

      {event.status === 'draft' ? (
        <div>
          <ProblemAlert error={publish.error} title={t('organizer.actions.publishFailed')} />
          <button
            type="button"
            className="button button--primary"
            disabled={publish.isPending}
            onClick={() => publish.mutate()}
          >
            {publish.isPending ? t('organizer.actions.publishing') : t('organizer.actions.publish')}
          </button>
        </div>
      ) : null}

      <form className="inline-form" onSubmit={changeCapacity}>
        <div className={`field${capacityError ? ' field--invalid' : ''}`}>
          <label htmlFor="act-capacity">{t('organizer.actions.capacity')}</label>
          <input
            id="act-capacity"
            type="number"
            inputMode="numeric"
            min={1}
            required
            value={capacity}
            aria-invalid={capacityError ? true : undefined}
            aria-describedby={capacityError ? 'act-capacity-error' : undefined}
            onChange={(e) => {
              setCapacity(e.target.value);
              capacityErrors.clear('capacity');
            }}
          />
          {capacityError ? (
            <p id="act-capacity-error" className="field__error">
              {capacityError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={update.isPending || cancelled}>
          {t('organizer.actions.changeCapacity')}
        </button>
      </form>
      <ProblemAlert
        error={update.error}
        shownFields={['capacity']}
        title={t('organizer.actions.capacityFailed')}
      />
      {update.isSuccess ? (
        <p role="status" className="muted">
          {t('organizer.actions.capacitySaved')}
        </p>
      ) : null}

      {!cancelled ? (
        <form className="stack" onSubmit={askCancel}>
          <div className={`field${reasonError ? ' field--invalid' : ''}`}>
            <label htmlFor="act-reason">{t('organizer.actions.reason')}</label>
            <textarea
              id="act-reason"
              rows={2}
              required
              maxLength={LIMITS.cancelReason}
              value={reason}
              disabled={confirmCancel}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'act-reason-error' : 'act-reason-hint'}
              onChange={(e) => {
                setReason(e.target.value);
                reasonErrors.clear('reason');
              }}
            />
            <p id="act-reason-hint" className="field__hint">
              {t('organizer.actions.reasonHint')}
            </p>
            {reasonError ? (
              <p id="act-reason-error" className="field__error">
                {reasonError}
              </p>
            ) : null}
          </div>
          <ProblemAlert
            error={cancel.error}
            shownFields={['reason']}
            title={t('organizer.actions.cancelFailed')}
          />
          {confirmCancel ? (
            <div
              className="stack"
              role="group"
              aria-labelledby="act-cancel-question"
              data-testid="confirm-cancel"
            >
              <p id="act-cancel-question">
                <strong>{t('organizer.actions.cancelQuestion')}</strong>{' '}
                {event.confirmed_count > 0
                  ? t('organizer.actions.cancelConfirmed', { count: event.confirmed_count })
                  : t('organizer.actions.cancelNobody')}{' '}
                {event.waitlist_length > 0
                  ? t('organizer.actions.cancelWaiting', { count: event.waitlist_length })
                  : null}{' '}
                {t('organizer.actions.cannotUndo')}
              </p>
              <div className="actions">
                <button
                  ref={cancelRef}
                  type="button"
                  className="button button--danger"
                  disabled={cancel.isPending}
                  onClick={cancelEvent}
                >
                  {cancel.isPending
                    ? t('organizer.actions.cancelling')
                    : t('organizer.actions.confirmCancel')}
                </button>
                <button type="button" className="button" onClick={() => setConfirmCancel(false)}>
                  {t('organizer.actions.keepEvent')}
                </button>
              </div>
            </div>
          ) : (
            <div>
              <button type="submit" className="button button--danger">
                {t('organizer.actions.cancel')}
              </button>
            </div>
          )}
        </form>
      ) : (
        <p className="muted">{t('organizer.actions.isCancelled')}</p>
      )}

      <div>
        <ProblemAlert error={remove.error} title={t('organizer.actions.deleteFailed')} />
        {confirmDelete ? (
          <div className="actions" role="group" aria-labelledby="act-delete-question">
            <span id="act-delete-question">{t('organizer.actions.deleteQuestion')}</span>
            <button
              ref={deleteRef}
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, { onSuccess: () => void navigate('/', { replace: true }) })
              }
            >
              {t('organizer.actions.confirmDelete')}
            </button>
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              {t('organizer.actions.keepIt')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirmDelete(true)}
          >
            {t('organizer.actions.delete')}
          </button>
        )}
      </div>
    </section>
  );
}
