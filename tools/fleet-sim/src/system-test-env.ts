/**
 * The system tests need Postgres like every database suite of the project: the admin URL comes
 * from TEST_PG_URL; without it they are skipped locally and fail under CI=true.
 */
export function systemTestPgUrl(): string | undefined {
  const url = process.env.TEST_PG_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_PG_URL is not set: the fleet system tests must run in CI');
  }
  return url || undefined;
}

/** Where the system tests put terminal databases: tmpfs when the machine has one. */
export function systemTestDataRoot(): string | undefined {
  return process.platform === 'linux' ? '/dev/shm' : undefined;
}

/** Writes a line to the test output (figures belong in CI logs). */
export function report(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Whether a system test whose tools are missing must fail rather than skip (CI=true). */
export function systemTestsMustRun(): boolean {
  return process.env.CI === 'true';
}
