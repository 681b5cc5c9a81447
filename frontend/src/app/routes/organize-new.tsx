import '@/i18n/areas/organizer';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '@/i18n';
import { useFormat } from '@/i18n/use-format';
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
  const t = useT();
  const { timeZone } = useFormat();
  const navigate = useNavigate();
  const create = useCreateEvent();
  const createSeries = useCreateSeries();
  const [repeats, setRepeats] = useState(emptyRepeats);
  const [initial] = useState(() => emptyEventForm(timeZone));
  const [localProblem, setLocalProblem] = useState<string | null>(null);

  const submit = (values: EventFormValues) => {
    setLocalProblem(null);
    let input;
    try {
      input = formToEventIn(values);
    } catch {
      // A start or end the browser could not read as a date and time in the chosen zone.
      setLocalProblem(t('organizer.form.checkDates'));
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
      <title>{t('organizer.new.pageTitle')}</title>
      <h1>{t('organizer.new.heading')}</h1>
      <EventForm
        mode="create"
        initial={initial}
        onSubmit={submit}
        pending={create.isPending || createSeries.isPending}
        error={create.error ?? createSeries.error}
        localProblem={localProblem}
        submitLabel={
          repeats.kind === 'none' ? t('organizer.new.createEvent') : t('organizer.new.createSeries')
        }
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
