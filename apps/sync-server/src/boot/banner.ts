import type { EnrolmentCodeIssued } from '../features/devices/device.service';
import type { DatabaseLocation } from './open-database';

/**
 * The few lines a person needs after `pnpm start`, on stderr so stdout stays one JSON log line per
 * event for log shippers.
 */
export function printBanner(input: {
  url: string;
  location: DatabaseLocation;
  enrolment: EnrolmentCodeIssued | undefined;
}): void {
  const database =
    input.location.kind === 'postgres'
      ? `Postgres ${input.location.url}`
      : `embedded PGlite in ${input.location.dir}`;
  const lines = [
    '',
    `  Kiryana sync server   ${input.url}`,
    `  database              ${database}`,
    `  health                ${input.url}/healthz`,
    `  API reference         ${input.url}/docs`,
  ];
  if (input.enrolment) {
    lines.push(
      `  enrolment code        ${input.enrolment.code}  (store ${input.enrolment.storeCode}, ${input.enrolment.storeName}; one use, until ${input.enrolment.expiresAt})`,
      `  more codes            pnpm cli enroll <store-code>`,
    );
  }
  process.stderr.write(`${lines.join('\n')}\n\n`);
}
