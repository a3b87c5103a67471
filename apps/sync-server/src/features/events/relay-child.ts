import { createNatsBus } from './nats-bus';
import { postgresLeaderSessions } from './leader-session';
import { startOutboxRelay } from './outbox-relay';

/**
 * One relay in a process of its own, for the kill and hand-over tests (relay-process.test.ts):
 * `node --import tsx relay-child.ts '<json>'`. It prints `leading` / `standing-by` on stdout when
 * its leadership changes, and runs until it is killed.
 */

type ChildConfig = {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly stream: string;
  readonly subjectRoot: string;
  readonly duplicateWindowMs: number;
  readonly perStore: number;
  readonly standbyMs: number;
};

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const bus = await createNatsBus({
  url: config.natsUrl,
  stream: config.stream,
  subjectRoot: config.subjectRoot,
  duplicateWindowMs: config.duplicateWindowMs,
});
startOutboxRelay(
  {
    openSession: postgresLeaderSessions(config.databaseUrl),
    bus,
    onLeadership: (leading) => {
      process.stdout.write(leading ? 'leading\n' : 'standing-by\n');
    },
    onError: (error) => {
      process.stderr.write(`relay: ${String(error)}\n`);
    },
  },
  { perStore: config.perStore, standbyMs: config.standbyMs, idleMs: 20, retryMs: 200 },
);
process.stdout.write('started\n');
