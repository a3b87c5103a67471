import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OwnHealth } from './own-health';
import type { TerminalPlan, TerminalReport } from './sim-terminal';
import type { MadeStep, StepOrder } from './step-taker';
import type { TerminalEnvelope, TerminalReply, TerminalRequest } from './terminal-child';

/** The fleet's handle on one terminal process. */
export type TerminalProcess = {
  readonly name: string;
  readonly pid: number | undefined;
  /** Opens the database and waits for the catalogue; resolves with how long that took. */
  open(plan: TerminalPlan): Promise<{ readyMs: number }>;
  bill(): Promise<void>;
  setOnline(online: boolean): Promise<void>;
  drain(timeoutMs: number): Promise<number>;
  resync(): Promise<void>;
  report(): Promise<TerminalReport>;
  checkHealth(): Promise<OwnHealth>;
  stockLevels(): Promise<Record<string, number>>;
  localSalesCount(): Promise<number>;
  /** Status of each transfer and PO document the terminal holds, by id. */
  documentStatuses(): Promise<Record<string, string>>;
  /** Facts waiting for the server now. */
  outboxCount(): Promise<number>;
  /** Ends billing after the bill in hand; `bill()` then resolves. */
  stopBilling(): Promise<void>;
  /** Records a transfer or PO step (SimTerminal.takeStep). */
  step(order: StepOrder, offlineMs: number): Promise<MadeStep>;
  /** Closes the database and ends the process (kills it if it does not end in time). */
  close(): Promise<void>;
};

const CHILD_ENTRY = fileURLToPath(new URL('./terminal-child.ts', import.meta.url));
const CLOSE_GRACE_MS = 10_000;

/** Starts a terminal process (Node with tsx, so it runs the terminal's TypeScript as it is). */
export function spawnTerminal(name: string): TerminalProcess {
  const child: ChildProcess = fork(CHILD_ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      for (const { reject } of waiting.values()) {
        reject(new Error(`terminal ${name} exited (${String(code ?? signal)})`));
      }
      waiting.clear();
      resolve();
    });
  });
  child.on('message', (reply: TerminalReply) => {
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new Error(`terminal ${name}: ${reply.error}`));
  });
  const call = <T>(request: TerminalRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`terminal ${name} is not running`));
        return;
      }
      nextId += 1;
      waiting.set(nextId, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id: nextId, request } satisfies TerminalEnvelope);
    });
  return {
    name,
    pid: child.pid,
    open: (plan) => call({ op: 'open', plan }),
    bill: () => call({ op: 'bill' }),
    setOnline: (online) => call({ op: 'setOnline', online }),
    drain: (timeoutMs) => call({ op: 'drain', timeoutMs }),
    resync: () => call({ op: 'resync' }),
    report: () => call({ op: 'report' }),
    checkHealth: () => call({ op: 'checkHealth' }),
    stockLevels: () => call({ op: 'stockLevels' }),
    localSalesCount: () => call({ op: 'localSalesCount' }),
    documentStatuses: () => call({ op: 'documentStatuses' }),
    outboxCount: () => call({ op: 'outboxCount' }),
    stopBilling: () => call({ op: 'stopBilling' }),
    step: (order, offlineMs) => call({ op: 'step', order, offlineMs }),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await call({ op: 'close' }).catch(() => undefined);
      await exited;
      clearTimeout(timer);
    },
  };
}
