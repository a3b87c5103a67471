/**
 * The environment of the image entry test: the Postgres admin URL comes from TEST_PG_URL; without
 * it the test is skipped locally and fails under CI=true, like every database suite here.
 */
export function imageTestPgUrl(): string | undefined {
  const url = process.env.TEST_PG_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_PG_URL is not set: the image entry test must run in CI');
  }
  return url || undefined;
}

/** The PATH the server's child process gets (it starts `node`, as the image's CMD does). */
export function hostPath(): string {
  return process.env.PATH ?? '';
}
