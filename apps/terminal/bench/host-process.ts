import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRendererOnce } from '../e2e/terminal-page';

/** A terminal served by a child process (serve-host-child.ts). */
export type HostProcess = {
  readonly url: string;
  /** Resident set size of the host process now, in bytes (Linux /proc). */
  rssBytes(): number;
  dispose(): Promise<void>;
};

const CHILD = fileURLToPath(new URL('./serve-host-child.ts', import.meta.url));

/** Starts the serve host in its own process on a fresh data folder. */
export async function startHostProcess(): Promise<HostProcess> {
  const distDir = await buildRendererOnce();
  const dataDir = mkdtempSync(join(tmpdir(), 'kiryana-bench-host-'));
  // Node itself runs the child (tsx as a loader), so the pid is the process holding SQLite.
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, distDir, dataDir], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((text) => text.startsWith('{'));
      if (line !== undefined) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => {
      reject(new Error(`serve host exited with ${String(code)}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  return {
    url,
    rssBytes() {
      const status = readFileSync(`/proc/${String(child.pid)}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
      return kb === undefined ? Number.NaN : Number(kb) * 1024;
    },
    async dispose() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
