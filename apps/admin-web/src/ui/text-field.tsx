/**
 * A labelled text input (or textarea) in a form grid. Controlled: the form keeps the text and
 * gets every edit through `onChange`. `describedBy` points at a hint the screen reader reads with it.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  wide = false,
  multiline = false,
  describedBy,
  ...limits
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  wide?: boolean;
  multiline?: boolean;
  describedBy?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  type?: 'date';
  inputMode?: 'decimal' | 'numeric';
}) {
  const shared = { id, value, 'aria-describedby': describedBy };
  return (
    <label className={wide ? 'field wide' : 'field'} htmlFor={id}>
      <span>{label}</span>
      {multiline ? (
        <textarea
          {...shared}
          required={limits.required}
          minLength={limits.minLength}
          maxLength={limits.maxLength}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      ) : (
        <input
          {...shared}
          {...limits}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      )}
    </label>
  );
}
