import { useT } from '@/i18n';

export type EditScopeValue = 'one' | 'later';

/** For an occurrence of a series: change only it, or it and every later occurrence. */
export function EditScope({
  value,
  onChange,
}: {
  value: EditScopeValue;
  onChange: (value: EditScopeValue) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t('organizer.scope.legend')}</legend>
      <div className="check">
        <input
          id="scope-one"
          type="radio"
          name="edit-scope"
          checked={value === 'one'}
          onChange={() => onChange('one')}
        />
        <label htmlFor="scope-one">{t('organizer.scope.one')}</label>
      </div>
      <div className="check">
        <input
          id="scope-later"
          type="radio"
          name="edit-scope"
          checked={value === 'later'}
          onChange={() => onChange('later')}
        />
        <label htmlFor="scope-later">{t('organizer.scope.later')}</label>
      </div>
    </fieldset>
  );
}
