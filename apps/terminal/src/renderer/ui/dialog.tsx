import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog: focus moves into it, Escape cancels, the form submits with Enter. The title
 * names the dialog for screen readers always, and is shown as its heading unless the content
 * carries its own (`showTitle={false}`: the receipt, whose printed heading is the title).
 */
export function Dialog(props: {
  title: string;
  showTitle?: boolean;
  testId: string;
  onCancel: () => void;
  onSubmit?: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLFormElement>(null);
  // Focus moves in before the dialog is painted: a key pressed the moment it appears (Escape on
  // a receipt) must reach the dialog, not the screen behind it, which ignores keys while a dialog
  // is open. With useEffect a fast key on a loaded machine was lost.
  useLayoutEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, button')?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <form
        ref={ref}
        className="dialog"
        role="dialog"
        aria-label={props.title}
        data-testid={props.testId}
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit?.();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            props.onCancel();
          }
        }}
      >
        {props.showTitle !== false && <h2>{props.title}</h2>}
        {props.children}
      </form>
    </div>
  );
}
