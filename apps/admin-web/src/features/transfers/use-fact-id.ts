import { useState } from 'react';
import { ApiError } from '../../api/api-error';

/**
 * The id of one intent to take a workflow step: made when the form opens, so a double click or a
 * retry after a lost answer (network error, 5xx) sends the same id and the server applies the step
 * once. A refusal (4xx) applied nothing, so the next try is a new intent with a new id; reusing
 * the refused id with changed content would read as a conflicting replay.
 */
export function useFactId(): { factId: string; afterError: (error: unknown) => void } {
  const [factId, setFactId] = useState(() => crypto.randomUUID());
  return {
    factId,
    afterError: (error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500)
        setFactId(crypto.randomUUID());
    },
  };
}
