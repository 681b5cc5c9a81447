import { useState } from 'react';
import { useT } from '@/i18n';
import { useUpdateEvent } from '@/features/events/api/update-event';
import { useUpdateSeries } from '@/features/series/api/series';
import { EditScope, type EditScopeValue } from '@/features/series/components/EditScope';
import { EventForm } from '@/features/events/components/EventForm';
import {
  eventToForm,
  formToPatch,
  type EventFormValues,
} from '@/features/events/components/event-form';
import type { EventOut } from '@/types/api';

/** Edit tab: sends a partial PATCH with only the fields that changed. */
export function EditEvent({ event }: { event: EventOut }) {
  const t = useT();
  const update = useUpdateEvent(event.id);
  const updateSeries = useUpdateSeries();
  const [scope, setScope] = useState<EditScopeValue>('one');
  const [initial, setInitial] = useState(() => eventToForm(event));
  const [note, setNote] = useState<string | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);

  const submit = (values: EventFormValues) => {
    setNote(null);
    setLocalProblem(null);
    let patch;
    try {
      patch = formToPatch(initial, values);
    } catch {
      setLocalProblem(t('organizer.form.checkDates'));
      return;
    }
    if (Object.keys(patch).length === 0) {
      setNote(t('organizer.edit.nothingChanged'));
      return;
    }
    const saved = () => {
      setInitial(values);
      setNote(t('organizer.edit.saved'));
    };
    if (event.series_id && scope === 'later') {
      updateSeries.mutate(
        { seriesId: event.series_id, fromEventId: event.id, patch },
        {
          onSuccess: (result) => {
            saved();
            setNote(t('organizer.edit.savedSeries', { count: result.event_ids.length }));
          },
        },
      );
      return;
    }
    update.mutate(patch, { onSuccess: saved });
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
        pending={update.isPending || updateSeries.isPending}
        error={update.error ?? updateSeries.error}
        localProblem={localProblem}
        submitLabel={t('organizer.edit.submit')}
        renderExtra={
          event.series_id ? () => <EditScope value={scope} onChange={setScope} /> : undefined
        }
      />
    </div>
  );
}
