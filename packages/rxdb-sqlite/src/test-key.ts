/**
 * The database key of the tests and their child processes: fixed, so a failing file can be
 * opened by hand. The storage suites run on encrypted files, as the terminal does.
 */
export const TEST_KEY: Uint8Array = Buffer.from(
  '6b697279616e612d746573742d6b65792d6f662d33322d62797465732d2d2d21',
  'hex',
);
