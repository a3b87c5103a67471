import { z } from 'zod';

// Read leniently: a proxy in between answers with codes the shared list does not know.
const envelopeSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The `fetch` the sync client uses: injected, so tests and Electron can supply their own. */
export type FetchLike = typeof fetch;

/** A failed request to the sync server, with the shared error envelope's code when it sent one. */
export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns a non-2xx response into a SyncHttpError carrying the envelope's code. */
export async function errorOf(response: Response): Promise<SyncHttpError> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText;
  try {
    const envelope = envelopeSchema.safeParse(await response.json());
    if (envelope.success) {
      code = envelope.data.error.code;
      message = envelope.data.error.message;
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new SyncHttpError(response.status, code, message);
}

/** Joins the server's base URL and a path, tolerating a trailing slash on the base. */
export function urlOf(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${path}`;
}
