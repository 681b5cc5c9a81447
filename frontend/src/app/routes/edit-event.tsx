import { useState } from 'react';
import { useUpdateEvent } from '@/features/events/api/update-event';
import { EventForm } from '@/features/events/components/EventForm';
import {
  eventToForm,
  formToPatch,
  type EventFormValues,
} from '@/features/events/components/event-form';
import type { EventOut } from '@/types/api';

/** Edit tab: sends a partial PATCH with only the fields that changed. */
export function EditEvent({ event }: { event: EventOut }) {
  const update = useUpdateEvent(event.id);
  const [initial, setInitial] = useState(() => eventToForm(event));
  const [note, setNote] = useState<string | null>(null);
  const [localError, setLocalError] = useState<Error | null>(null);

  const submit = (values: EventFormValues) => {
    setNote(null);
    setLocalError(null);
    let patch;
    try {
      patch = formToPatch(initial, values);
    } catch (error) {
      setLocalError(error instanceof Error ? error : new Error('Check the dates.'));
      return;
    }
    if (Object.keys(patch).length === 0) {
      setNote('Nothing changed.');
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        setInitial(values);
        setNote('Changes saved.');
      },
    });
  };

  return (
    <div className="stack">
      {note ? (
        <p role="status" className="muted">
          {note}
        </p>
      ) : null}
      <EventForm
        mode="edit"
        initial={initial}
        onSubmit={submit}
        pending={update.isPending}
        error={localError ?? update.error}
        submitLabel="Save changes"
      />
    </div>
  );
}
