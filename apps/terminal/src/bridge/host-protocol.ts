/**
 * Custom requests the browser renderer sends to the Node storage host over the same websocket
 * as the storage (RxDB remote storage `customRequest`). Shared by both sides.
 */
export type HostRequest =
  | { readonly type: 'load-credential' }
  | { readonly type: 'save-credential'; readonly text: string }
  | { readonly type: 'clear-credential' }
  | { readonly type: 'print-raw'; readonly base64: string };

/** The host's answer: the credential text for load, null otherwise; `error` when it failed. */
export type HostResponse =
  | { readonly ok: true; readonly text: string | null }
  | { readonly ok: false; readonly error: string };
