/**
 * The environment of this package's tests, read here and nowhere else. Both optional:
 *   FC_RUNS  runs of the differential property test (default 2000)
 *   CI=true  the browser suite runs (and fails) even where Chromium is missing
 */

/** Runs of the differential property test against RxDB's memory storage. */
export const differentialRuns = Number(process.env.FC_RUNS ?? 2000);

/** Whether this is a CI run. */
export const isCi = process.env.CI === 'true';
