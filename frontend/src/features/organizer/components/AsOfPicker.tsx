import { useState, type SubmitEvent } from 'react';
import { useT } from '@/i18n';
import { useDisplaySettings } from '@/i18n/settings';
import { zonedLocalToIso } from '@/lib/datetime';

interface AsOfPickerProps {
  id: string;
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
}

/** Time travel: a datetime-local in the zone the page shows its times in (the profile's when
 * signed in, else the browser's), sent as an ISO instant (`as_of`). */
export function AsOfPicker({ id, value, onChange }: AsOfPickerProps) {
  const t = useT();
  const { timeZone } = useDisplaySettings();
  const [local, setLocal] = useState('');
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    onChange(local ? zonedLocalToIso(local, timeZone) : undefined);
  };
  return (
    <form className="inline-form" onSubmit={apply}>
      <div className="field">
        <label htmlFor={id}>{t('organizer.asOf.label', { zone: timeZone })}</label>
        <input
          id={id}
          type="datetime-local"
          step={1}
          value={local}
          onChange={(e) => setLocal(e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        {t('organizer.asOf.show')}
      </button>
      {value ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            setLocal('');
            onChange(undefined);
          }}
        >
          {t('organizer.asOf.now')}
        </button>
      ) : null}
    </form>
  );
}
