import type {
  PurchaseOrderFact,
  PurchaseOrderState,
  TransferFact,
  TransferState,
} from '@kiryana/shared';
import { type Db, applyPurchaseOrderStep, applyTransferStep } from '@kiryana/sync-server/operator';

/**
 * The simulated manager: approves and resolves transfers, creates, approves, sends and closes
 * purchase orders. Those are people's steps in the admin web; here they go straight through the
 * server's own workflow service on the run's database (the same function the admin routes call),
 * in one transaction each. A step is a fact with its own id, so a call that failed half-way (the
 * database restarted under it) is simply made again with the same fact and applies once.
 */

/** A step the manager took, for the fleet's checks. */
export type ManagerStep = {
  readonly id: string;
  readonly kind: 'transfer-step' | 'po-step';
  readonly docId: string;
  readonly type: string;
};

/** The manager's desk on a run's database. */
export type ManagerDesk = {
  transfer(fact: TransferFact): Promise<TransferState>;
  purchaseOrder(fact: PurchaseOrderFact): Promise<PurchaseOrderState>;
  /** Every step taken, in order. */
  readonly steps: readonly ManagerStep[];
};

/** The user id the simulated manager acts as. */
export const SIM_MANAGER_ID = 'sim-manager';

const ACTOR = { kind: 'user', userId: SIM_MANAGER_ID, storeId: null } as const;
const ATTEMPTS = 20;

/** The service refused a step the mix thought legal: a bug in the mix or in the server. */
class RefusedStep extends Error {}

async function retried<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      // A refusal is an answer, not a fault: only connection trouble is tried again.
      if (error instanceof RefusedStep) throw error;
      if (n >= ATTEMPTS) {
        throw new Error(`${what} failed ${String(ATTEMPTS)} times`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * n));
    }
  }
}

/** Opens the desk on the run's database. */
export function openManagerDesk(db: Db): ManagerDesk {
  const steps: ManagerStep[] = [];
  return {
    steps,
    async transfer(fact) {
      const result = await retried(`transfer ${fact.type}`, () =>
        db.transaction(async (tx) => {
          const outcome = await applyTransferStep(tx, fact, ACTOR);
          if (!outcome.ok) {
            throw new RefusedStep(
              `transfer ${fact.type} refused: ${outcome.code} ${outcome.message}`,
            );
          }
          return outcome.state;
        }),
      );
      steps.push({
        id: fact.factId,
        kind: 'transfer-step',
        docId: fact.transferId,
        type: fact.type,
      });
      return result;
    },
    async purchaseOrder(fact) {
      const result = await retried(`PO ${fact.type}`, () =>
        db.transaction(async (tx) => {
          const outcome = await applyPurchaseOrderStep(tx, fact, ACTOR, { overDelivery: false });
          if (!outcome.ok) {
            throw new RefusedStep(`PO ${fact.type} refused: ${outcome.code} ${outcome.message}`);
          }
          return outcome.state;
        }),
      );
      steps.push({ id: fact.factId, kind: 'po-step', docId: fact.poId, type: fact.type });
      return result;
    },
  };
}
