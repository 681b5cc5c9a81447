export type EditScopeValue = 'one' | 'later';

/** For an occurrence of a series: change only it, or it and every later occurrence. */
export function EditScope({
  value,
  onChange,
}: {
  value: EditScopeValue;
  onChange: (value: EditScopeValue) => void;
}) {
  return (
    <fieldset>
      <legend>This event is part of a series. Apply the changes to</legend>
      <div className="check">
        <input
          id="scope-one"
          type="radio"
          name="edit-scope"
          checked={value === 'one'}
          onChange={() => onChange('one')}
        />
        <label htmlFor="scope-one">Only this event</label>
      </div>
      <div className="check">
        <input
          id="scope-later"
          type="radio"
          name="edit-scope"
          checked={value === 'later'}
          onChange={() => onChange('later')}
        />
        <label htmlFor="scope-later">This and all later events</label>
      </div>
    </fieldset>
  );
}
