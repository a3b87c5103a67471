import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { DispatcherOptions } from './webhook-dispatcher';

const CHILD = fileURLToPath(new URL('./webhook-dispatcher-child.ts', import.meta.url));

/** The dispatcher's child process, as start-webhooks.ts drives it. */
export type DispatcherProcess = {
  readonly pid: number | undefined;
  wake(): void;
  stop(): Promise<void>;
};

/** What the child gets (all data; it always loops, on the system clock). */
type ChildOptions = Omit<DispatcherOptions, 'loop'>;

/**
 * Forks webhook-dispatcher-child.ts on the Postgres at `databaseUrl` and resolves once it runs.
 * It is run through tsx as the server is (`--import tsx`); its stderr goes to `logger`.
 */
export async function startDispatcherProcess(
  databaseUrl: string,
  logger: Logger,
  options: ChildOptions = {},
): Promise<DispatcherProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify({ databaseUrl, options })], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    logger.warn({ child: 'webhook-dispatcher' }, text.trimEnd());
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => {
      resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`webhook dispatcher exited (${String(code)})`));
    });
  });
  return {
    pid: child.pid,
    wake() {
      if (child.connected) child.send('wake');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send('stop');
      // Bounded: a child stuck past its runs' timeouts is killed (its claims' leases run out).
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
