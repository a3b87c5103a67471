/**
 * The editable cells of a typed list of lines (a receipt, a transfer request): a text field bound
 * to one field of one line, and a button that drops the line. The list keeps its lines as typed
 * text; the form parses them when it is saved.
 */

/** A text input for `field` of line `index`, replacing the list with the edited line. */
export function LineTextCell<L>({
  lines,
  index,
  field,
  testId,
  onChange,
}: {
  lines: readonly L[];
  index: number;
  field: keyof L & string;
  testId: string;
  onChange: (lines: L[]) => void;
}) {
  return (
    <td>
      <input
        data-testid={testId}
        value={String(lines[index]?.[field] ?? '')}
        onChange={(event) => {
          onChange(lines.map((l, i) => (i === index ? { ...l, [field]: event.target.value } : l)));
        }}
      />
    </td>
  );
}

/** A button that drops line `index` from the list. */
export function RemoveLineCell<L>({
  lines,
  index,
  onChange,
}: {
  lines: readonly L[];
  index: number;
  onChange: (lines: L[]) => void;
}) {
  return (
    <td>
      <button
        type="button"
        className="link"
        onClick={() => {
          onChange(lines.filter((_, i) => i !== index));
        }}
      >
        ✕
      </button>
    </td>
  );
}
