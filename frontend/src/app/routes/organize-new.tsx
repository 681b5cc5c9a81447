import '@/i18n/areas/organizer';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateEvent } from '@/features/events/api/create-event';
import { useCreateSeries } from '@/features/series/api/series';
import { RepeatsFieldset } from '@/features/series/components/RepeatsFieldset';
import { emptyRepeats, toRecurrence } from '@/features/series/components/repeats';
import { EventForm } from '@/features/events/components/EventForm';
import {
  emptyEventForm,
  formToEventIn,
  type EventFormValues,
} from '@/features/events/components/event-form';

export function OrganizeNewRoute() {
  const navigate = useNavigate();
  const create = useCreateEvent();
  const createSeries = useCreateSeries();
  const [repeats, setRepeats] = useState(emptyRepeats);
  const [initial] = useState(emptyEventForm);
  const [localError, setLocalError] = useState<Error | null>(null);

  const submit = (values: EventFormValues) => {
    setLocalError(null);
    let input;
    try {
      input = formToEventIn(values);
    } catch (error) {
      setLocalError(error instanceof Error ? error : new Error('Check the dates.'));
      return;
    }
    const recurrence = toRecurrence(repeats, values.startsAt);
    if (recurrence) {
      createSeries.mutate(
        { ...input, recurrence },
        {
          onSuccess: (result) => {
            void navigate(`/series/${encodeURIComponent(result.series_id)}`, {
              state: { created: true, position: result.position },
            });
          },
        },
      );
      return;
    }
    create.mutate(input, {
      onSuccess: (result) => {
        void navigate(`/events/${encodeURIComponent(result.id)}/manage`, {
          state: { created: true },
        });
      },
    });
  };

  return (
    <>
      <title>Create an event · EventConnect</title>
      <h1>Create an event</h1>
      <EventForm
        mode="create"
        initial={initial}
        onSubmit={submit}
        pending={create.isPending || createSeries.isPending}
        error={localError ?? create.error ?? createSeries.error}
        submitLabel={repeats.kind === 'none' ? 'Create event' : 'Create series'}
        renderExtra={(values) => (
          <RepeatsFieldset
            values={repeats}
            onChange={setRepeats}
            startsAt={values.startsAt}
            timezone={values.timezone}
          />
        )}
      />
    </>
  );
}
