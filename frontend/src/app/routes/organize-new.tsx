import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateEvent } from '@/features/events/api/create-event';
import { EventForm } from '@/features/events/components/EventForm';
import {
  emptyEventForm,
  formToEventIn,
  type EventFormValues,
} from '@/features/events/components/event-form';

export function OrganizeNewRoute() {
  const navigate = useNavigate();
  const create = useCreateEvent();
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
        pending={create.isPending}
        error={localError ?? create.error}
        submitLabel="Create event"
      />
    </>
  );
}
