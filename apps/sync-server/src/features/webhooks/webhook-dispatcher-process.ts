import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { DispatcherOptions } from './webhook-dispatcher';

// From source the child is a .ts file run through tsx as the server is; in the compiled build
// (scripts/build.mjs) this code lives in dist/server.mjs and the child is its own bundle beside it.
const COMPILED = import.meta.url.endsWith('.mjs');
const CHILD = fileURLToPath(
  new URL(
    COMPILED ? './webhook-dispatcher-child.mjs' : './webhook-dispatcher-child.ts',
    import.meta.url,
  ),
);
const CHILD_EXEC_ARGV = COMPILED ? [] : ['--import', 'tsx'];

/** The dispatcher's child process, as start-webhooks.ts drives it. */
export type DispatcherProcess = {
  readonly pid: number | undefined;
  wake(): void;
  stop(): Promise<void>;
};

/** What the child gets (all data; it always loops, on the system clock). */
type ChildOptions = Omit<DispatcherOptions, 'loop'>;

/** A forked child and a promise of its exit. */
type Forked = { readonly child: ChildProcess; readonly exited: Promise<void> };

/**
 * Forks webhook-dispatcher-child.ts on the Postgres at `databaseUrl` and resolves once it runs.
 * It is run through tsx as the server is (`--import tsx`), or as the compiled child beside the
 * compiled server; its stderr goes to `logger`. A child
 * that dies while not stopped is logged and forked again after `restartMs`: without it nothing
 * would send webhooks (its claims come back when their lease ends).
 */
export async function startDispatcherProcess(
  databaseUrl: string,
  logger: Logger,
  options: ChildOptions = {},
  restartMs = 1_000,
): Promise<DispatcherProcess> {
  let stopping = false;
  let restart: NodeJS.Timeout | undefined;
  const forkChild = async (): Promise<Forked> => {
    const child = fork(CHILD, [], {
      // Not the parent's execArgv: a telemetry `--import` of the server is not the child's.
      execArgv: CHILD_EXEC_ARGV,
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
      const onMessage = (message: unknown) => {
        if (message === 'configure') {
          child.send({ databaseUrl, options });
        } else if (message === 'started') {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => {
        reject(new Error(`webhook dispatcher exited (${String(code)})`));
      });
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ code, signal }, 'webhook dispatcher process died: starting another');
      const again = () => {
        restart = undefined;
        if (stopping) return;
        forkChild().then(
          (next) => {
            // Stopped while it started: end it too.
            if (stopping) {
              next.child.send('stop');
              return;
            }
            current = next;
            // Deliveries recorded while none ran: look now.
            next.child.send('wake');
          },
          (error: unknown) => {
            logger.error({ err: error }, 'webhook dispatcher process did not start: retrying');
            restart = setTimeout(again, restartMs);
          },
        );
      };
      restart = setTimeout(again, restartMs);
    });
    return { child, exited };
  };
  let current = await forkChild();
  return {
    get pid() {
      return current.child.pid;
    },
    wake() {
      if (current.child.connected) current.child.send('wake');
    },
    async stop() {
      stopping = true;
      clearTimeout(restart);
      const { child, exited } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send('stop');
      // Bounded: a child stuck past its runs' timeouts is killed (its claims' leases run out).
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
