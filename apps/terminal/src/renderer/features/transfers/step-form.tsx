import type { ReactNode } from 'react';

/**
 * The frame of a transfer step form at the counter (request, dispatch, receive): its fields, the
 * reason the last save was refused, and the save button.
 */
export function StepForm(props: {
  testId: string;
  title?: string;
  message: string | null;
  saveTestId: string;
  saveLabel: string;
  saveDisabled: boolean;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <form
      className="receive"
      data-testid={props.testId}
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSubmit();
      }}
    >
      {props.title !== undefined && <h3>{props.title}</h3>}
      {props.children}
      {props.message !== null && (
        <p className="error" data-testid="transfers-message">
          {props.message}
        </p>
      )}
      <button type="submit" data-testid={props.saveTestId} disabled={props.saveDisabled}>
        {props.saveLabel}
      </button>
    </form>
  );
}
