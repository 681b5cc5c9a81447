import { useState, type SubmitEvent } from 'react';
import { useT } from '@/i18n';
import { browserTimeZone, zonedLocalToIso } from '@/lib/datetime';

interface AsOfPickerProps {
  id: string;
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
}

/** Time travel: a datetime-local in the browser's zone, sent as an ISO instant (`as_of`). */
export function AsOfPicker({ id, value, onChange }: AsOfPickerProps) {
  const t = useT();
  const [local, setLocal] = useState('');
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    onChange(local ? zonedLocalToIso(local, browserTimeZone()) : undefined);
  };
  return (
    <form className="inline-form" onSubmit={apply}>
      <div className="field">
        <label htmlFor={id}>{t('organizer.asOf.label', { zone: browserTimeZone() })}</label>
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
