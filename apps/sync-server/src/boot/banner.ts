import type { EnrolmentCodeIssued } from '../features/devices/device.service';
import type { DemoCredentials } from '../features/seed/demo-users';
import type { DatabaseLocation } from './open-database';
import { ALL_ROLES, type Role } from './roles';

/**
 * The few lines a person needs after `pnpm start`, on stderr so stdout stays one JSON log line per
 * event for log shippers. The demo's secrets (an enrolment code, the demo password, the HQ
 * integration's client secret) appear here and only here: plain text on a console a person
 * watches, never a structured field that a log pipeline would carry off.
 */
export function printBanner(input: {
  url: string;
  location: DatabaseLocation;
  enrolment: EnrolmentCodeIssued | undefined;
  demo?: DemoCredentials | undefined;
  /** The process's roles (boot/roles.ts); the API reference is listed only with `api`. */
  roles?: readonly Role[];
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
  ];
  const roles = input.roles ?? ALL_ROLES;
  if (roles.includes('api')) lines.push(`  API reference         ${input.url}/docs`);
  // Only a process of some roles says which: `pnpm start` runs them all.
  if (ALL_ROLES.some((role) => !roles.includes(role))) {
    lines.push(`  roles                 ${roles.join(', ')}`);
  }
  if (input.enrolment) {
    lines.push(
      `  enrolment code        ${input.enrolment.code}  (store ${input.enrolment.storeCode}, ${input.enrolment.storeName}; one use, until ${input.enrolment.expiresAt})`,
      `  more codes            pnpm cli enroll <store-code>`,
    );
  }
  if (input.demo) {
    lines.push(
      `  demo sign-in          ${input.url}/admin/ as hq.admin, store.manager … with password ${input.demo.password}`,
      `  HQ integration        ${input.demo.integration.clientId}, client secret ${input.demo.integration.clientSecret}`,
    );
  }
  process.stderr.write(`${lines.join('\n')}\n\n`);
}
