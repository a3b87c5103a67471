import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { QueryStatus } from '../../ui/query-status';

/** Refusals of a workflow step that a person can act on, each with its own sentence. */
const EXPLAINED = new Set([
  'TRANSITION_NOT_ALLOWED',
  'DOCUMENT_CLOSED',
  'QTY_EXCEEDS_OPEN',
  'OVER_DELIVERY_NOT_ALLOWED',
  'WRONG_STORE',
  'UNKNOWN_LINE',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
]);

/**
 * Why the server refused a step of a transfer or purchase order (a 4xx with the shared envelope):
 * a sentence in the screen's language, the server's own message for the detail (it names the line
 * or the state), and the code for support. Anything else falls back to the generic status line.
 */
export function StepError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !EXPLAINED.has(error.code)) {
    return <QueryStatus isPending={false} error={error} />;
  }
  return (
    <p role="alert" className="error" data-testid="step-error">
      {t(`workflow.refused.${error.code}`)} <span className="muted">{error.message}</span>{' '}
      <code>{error.code}</code>
    </p>
  );
}

/**
 * Why a transfer or PO form was not sent: the check made here before sending (`invalid`, a
 * sentence), then the server's refusal of the step.
 */
export function FormRefusal({ invalid, error }: { invalid: string | undefined; error: unknown }) {
  return (
    <>
      {invalid && (
        <p role="alert" className="error">
          {invalid}
        </p>
      )}
      <StepError error={error} />
    </>
  );
}
