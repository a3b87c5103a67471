import { type SimTerminal, type TerminalPlan, openSimTerminal } from './sim-terminal';
import { checkOwnHealth } from './own-health';
import type { StepOrder } from './step-taker';

/**
 * The entry of a terminal process. RxDB's open-source edition allows 13 open collections per
 * JavaScript realm and a terminal has 8, so every simulated terminal lives in a process of its
 * own, like a real one. The fleet drives it over the IPC channel: one request, one reply.
 */

/** A request from the fleet. */
export type TerminalRequest =
  | { readonly op: 'open'; readonly plan: TerminalPlan }
  | { readonly op: 'bill' }
  | { readonly op: 'setOnline'; readonly online: boolean }
  | { readonly op: 'drain'; readonly timeoutMs: number }
  | { readonly op: 'resync' }
  | { readonly op: 'report' }
  | { readonly op: 'checkHealth' }
  | { readonly op: 'stockLevels' }
  | { readonly op: 'localSalesCount' }
  | { readonly op: 'documentStatuses' }
  | { readonly op: 'outboxCount' }
  | { readonly op: 'stopBilling' }
  | { readonly op: 'step'; readonly order: StepOrder; readonly offlineMs: number }
  | { readonly op: 'close' };

/** A request on the wire: with its id. */
export type TerminalEnvelope = { readonly id: number; readonly request: TerminalRequest };

/** A reply on the wire. */
export type TerminalReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

let terminal: SimTerminal | undefined;
let plan: TerminalPlan | undefined;

function opened(): SimTerminal {
  if (!terminal) throw new Error('the terminal is not open');
  return terminal;
}

async function handle(request: TerminalRequest): Promise<unknown> {
  switch (request.op) {
    case 'open': {
      const started = performance.now();
      plan = request.plan;
      terminal = await openSimTerminal(request.plan);
      return { readyMs: performance.now() - started };
    }
    case 'bill':
      await opened().bill();
      return null;
    case 'setOnline':
      opened().network.setOnline(request.online);
      return null;
    case 'drain':
      return opened().drain(request.timeoutMs);
    case 'resync':
      opened().resyncAll();
      return null;
    case 'report':
      return opened().report();
    case 'checkHealth':
      if (!plan) throw new Error('the terminal is not open');
      return checkOwnHealth(opened(), plan.credential);
    case 'stockLevels': {
      const docs = await opened().db['stock-levels'].find().exec();
      return Object.fromEntries(docs.map((doc) => [doc.productId, doc.qtyBase]));
    }
    case 'localSalesCount':
      return opened().db.sales.count().exec();
    case 'documentStatuses': {
      const docs = await opened()
        .db.documents.find({ selector: { kind: { $in: ['transfer', 'purchase-order'] } } })
        .exec();
      return Object.fromEntries(docs.map((doc) => [doc.id, doc.status]));
    }
    case 'outboxCount':
      return opened().outboxCount();
    case 'stopBilling':
      opened().stopBilling();
      return null;
    case 'step':
      return opened().takeStep(request.order, request.offlineMs);
    case 'close':
      await terminal?.close();
      terminal = undefined;
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: TerminalEnvelope) => {
  handle(message.request).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies TerminalReply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies TerminalReply),
  );
});
// The fleet went away (a failed test, Ctrl+C): a terminal never outlives its run.
process.on('disconnect', () => process.exit(1));
