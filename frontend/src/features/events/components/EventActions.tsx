import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { fieldErrors } from '@/lib/api-client';
import type { EventOut } from '@/types/api';
import { LIMITS } from '@/types/limits';
import { useCancelEvent } from '../api/cancel-event';
import { useDeleteEvent } from '../api/delete-event';
import { usePublishEvent } from '../api/publish-event';
import { useUpdateEvent } from '../api/update-event';

/** Organizer commands on one event: publish, capacity, cancel with a reason, delete. */
export function EventActions({ event }: { event: EventOut }) {
  const navigate = useNavigate();
  const publish = usePublishEvent(event.id);
  const update = useUpdateEvent(event.id);
  const cancel = useCancelEvent(event.id);
  const remove = useDeleteEvent(event.id);
  const [capacity, setCapacity] = useState(String(event.capacity));
  const [reason, setReason] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const cancelled = event.status === 'cancelled';

  const changeCapacity = (e: SubmitEvent) => {
    e.preventDefault();
    update.mutate({ capacity: Number(capacity) });
  };
  const cancelEvent = (e: SubmitEvent) => {
    e.preventDefault();
    cancel.mutate(reason.trim());
  };

  return (
    <section className="panel stack" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>

      {event.status === 'draft' ? (
        <div>
          <ProblemAlert error={publish.error} title="Could not publish" />
          <button
            type="button"
            className="button button--primary"
            disabled={publish.isPending}
            onClick={() => publish.mutate()}
          >
            {publish.isPending ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      ) : null}

      <form className="inline-form" onSubmit={changeCapacity}>
        <div className="field">
          <label htmlFor="act-capacity">Capacity</label>
          <input
            id="act-capacity"
            type="number"
            inputMode="numeric"
            min={1}
            required
            value={capacity}
            aria-invalid={fieldErrors(update.error).capacity ? true : undefined}
            onChange={(e) => setCapacity(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={update.isPending || cancelled}>
          Change capacity
        </button>
      </form>
      <ProblemAlert error={update.error} title="Could not change capacity" />
      {update.isSuccess ? (
        <p role="status" className="muted">
          Capacity saved.
        </p>
      ) : null}

      {!cancelled ? (
        <form className="stack" onSubmit={cancelEvent}>
          <div className="field">
            <label htmlFor="act-reason">Reason for cancelling</label>
            <textarea
              id="act-reason"
              rows={2}
              required
              maxLength={LIMITS.cancelReason}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <ProblemAlert error={cancel.error} title="Could not cancel" />
          <div>
            <button type="submit" className="button button--danger" disabled={cancel.isPending}>
              Cancel event
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">This event is cancelled.</p>
      )}

      <div>
        <ProblemAlert error={remove.error} title="Could not delete" />
        {confirmDelete ? (
          <div className="actions" role="group" aria-label="Confirm deletion">
            <span>Delete this event for good? It stays in the audit history.</span>
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, { onSuccess: () => void navigate('/', { replace: true }) })
              }
            >
              Yes, delete
            </button>
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirmDelete(true)}
          >
            Delete event
          </button>
        )}
      </div>
    </section>
  );
}
