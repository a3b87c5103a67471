import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureServerBuild } from '@kiryana/sync-server/server-build';
import { inheritedEnv } from './sim-env';

/**
 * A real sync-server process (`apps/sync-server/src/server.ts` under tsx, or the compiled
 * `dist/server.mjs` under plain node, built first when missing or stale), so faults are real:
 * SIGKILL mid-push loses whatever the process held, exactly as a crash in production would.
 * Every process of a run shares DEVICE_TOKEN_SECRET, so a terminal's token is valid on all of them
 * and across restarts.
 */

const SERVER_ENTRY = fileURLToPath(
  new URL('../../../apps/sync-server/src/server.ts', import.meta.url),
);
// Up to the line's end: a chunk may end inside the URL.
const BANNER = /Kiryana sync server\s+(https?:\/\/\S+)\s/;
const START_TIMEOUT_MS = 60_000;

/** How to start a server process. */
export type ServerProcessOptions = {
  readonly databaseUrl: string;
  readonly deviceTokenSecret: string;
  /** 0 (default): any free port; a restart then listens on a new one. */
  readonly port?: number;
  /** Extra environment (e.g. HEARTBEAT_MS). */
  readonly env?: Readonly<Record<string, string>>;
  /** A name for log lines. */
  readonly name?: string;
  /**
   * `tsx` (default, as before): the sources under tsx. `compiled`: `node dist/server.mjs`, as
   * production runs it (ready in well under a second where tsx takes seconds).
   */
  readonly entry?: 'compiled' | 'tsx';
};

/** A running server process. */
export type ServerProcess = {
  readonly name: string;
  /** The base URL it listens on (changes after a restart on port 0). */
  url(): string;
  port(): number;
  pid(): number | undefined;
  /** Whether the process is running. */
  isUp(): boolean;
  /** SIGKILL: no graceful shutdown, open transactions die with the connection. */
  kill(): Promise<void>;
  /** Starts it again after a kill. */
  restart(): Promise<void>;
  /** SIGTERM and wait (graceful shutdown). */
  stop(): Promise<void>;
  /** The last lines it wrote, for failure messages. */
  recentOutput(): string;
};

/** Starts a sync server process and waits until it listens. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const name = options.name ?? 'server';
  let child: ChildProcess | undefined;
  let url = '';
  let exited: Promise<void> = Promise.resolve();
  const output: string[] = [];
  const remember = (text: string) => {
    output.push(...text.split('\n').filter((line) => line.trim() !== ''));
    if (output.length > 200) output.splice(0, output.length - 200);
  };

  const args =
    options.entry === 'compiled' ? [await ensureServerBuild()] : ['--import', 'tsx', SERVER_ENTRY];
  const launch = async (): Promise<void> => {
    const proc = spawn(process.execPath, args, {
      env: {
        ...inheritedEnv(),
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl,
        DEVICE_TOKEN_SECRET: options.deviceTokenSecret,
        PORT: String(options.port ?? 0),
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    // A failed run must not leave servers behind: they die with the process that started them.
    const killOnExit = () => proc.kill('SIGKILL');
    process.once('exit', killOnExit);
    exited = new Promise((resolve) =>
      proc.once('exit', () => {
        process.off('exit', killOnExit);
        resolve();
      }),
    );
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${name} did not start in time:\n${output.slice(-20).join('\n')}`));
      }, START_TIMEOUT_MS);
      proc.stdout.setEncoding('utf8').on('data', remember);
      // The banner may arrive split over chunks (a loaded machine): match what has come so far.
      let stderr = '';
      proc.stderr.setEncoding('utf8').on('data', (text: string) => {
        remember(text);
        stderr = `${stderr}${text}`.slice(-4_000);
        const match = BANNER.exec(stderr);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `${name} exited (${String(code ?? signal)}) before listening:\n${output.slice(-20).join('\n')}`,
          ),
        );
      });
    });
  };

  await launch();
  const server: ServerProcess = {
    name,
    url: () => url,
    port: () => Number(new URL(url).port),
    pid: () => child?.pid,
    isUp: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async kill() {
      if (!server.isUp()) return;
      child?.kill('SIGKILL');
      await exited;
    },
    async restart() {
      await server.kill();
      await launch();
    },
    async stop() {
      if (!server.isUp()) return;
      child?.kill('SIGTERM');
      await exited;
    },
    recentOutput: () => output.join('\n'),
  };
  return server;
}
