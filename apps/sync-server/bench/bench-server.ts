import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inheritedEnv } from './bench-env';

/**
 * The sync server as a process of its own for the benchmarks, so its memory and event loop are
 * measured apart from the load generator: `src/server.ts` under tsx, on the bench database.
 */
export type BenchServer = {
  readonly url: string;
  /** Named figures from `GET /metrics` (sums over labels), e.g. process_resident_memory_bytes. */
  metric(name: string): Promise<number>;
  stop(): Promise<void>;
};

const ENTRY = fileURLToPath(new URL('../src/server.ts', import.meta.url));

/** Starts the server on `databaseUrl` with `secret` for device tokens. */
export async function startBenchServer(
  databaseUrl: string,
  secret: string,
  env: Readonly<Record<string, string>> = {},
): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...inheritedEnv(),
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DEVICE_TOKEN_SECRET: secret,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      output = (output + text).slice(-4000);
      const match = /Kiryana sync server\s+(https?:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => {
      reject(new Error(`the server exited (${String(code)}):\n${output}`));
    });
  });
  return {
    url,
    async metric(name) {
      const text = await (await fetch(`${url}/metrics`)).text();
      let total = 0;
      for (const line of text.split('\n')) {
        const match = /^([a-zA-Z_:]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
        if (match?.[1] === name) total += Number(match[3]);
      }
      return total;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
    },
  };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
