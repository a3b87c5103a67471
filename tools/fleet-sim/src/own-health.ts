import { type DeviceCredential, createAccessTokens, createSyncApi } from '@kiryana/sync-client';
import { idChecksum } from '@kiryana/sync-server/operator';
import type { MadeFact } from './counter';
import type { SimTerminal } from './sim-terminal';

/**
 * A terminal's own check that the server holds exactly what it made: it asks
 * `GET /v1/sync/health` for its terminal id over the days it billed, and compares each day's count
 * and id checksum of sales and of stock movements with its own record. Nothing is downloaded.
 */

/** The outcome of the check. */
export type OwnHealth = {
  readonly ok: boolean;
  readonly days: number;
  readonly serverSales: number;
  readonly serverMovements: number;
  readonly mismatches: readonly string[];
};

const NONE = idChecksum([]);

type DayTally = { sales: string[]; movements: string[] };

function tallyByDay(made: readonly MadeFact[]): Map<string, DayTally> {
  const days = new Map<string, DayTally>();
  for (const fact of made) {
    const day = days.get(fact.businessDate) ?? { sales: [], movements: [] };
    (fact.collection === 'sales' ? day.sales : day.movements).push(fact.id);
    days.set(fact.businessDate, day);
  }
  return days;
}

/** Compares the server's health of this terminal with what it made. */
export async function checkOwnHealth(
  terminal: SimTerminal,
  credential: DeviceCredential,
): Promise<OwnHealth> {
  const { made } = await terminal.report();
  const mine = tallyByDay(made);
  const dates = [...mine.keys()].sort();
  const from = dates[0];
  const to = dates.at(-1);
  if (from === undefined || to === undefined) {
    return { ok: true, days: 0, serverSales: 0, serverMovements: 0, mismatches: [] };
  }
  const tokens = createAccessTokens(fetch, credential, terminal.clock);
  const api = createSyncApi(fetch, credential.serverUrl, tokens);
  const health = await api.health({ from, to, terminalId: credential.deviceId });
  const server = health.terminals.find((t) => t.terminalId === credential.deviceId);
  const serverDays = new Map((server?.days ?? []).map((day) => [day.businessDate, day]));
  const mismatches: string[] = [];
  for (const date of new Set([...mine.keys(), ...serverDays.keys()])) {
    const expected = mine.get(date) ?? { sales: [], movements: [] };
    const got = serverDays.get(date);
    const sales = { count: got ? got.sales + got.returns : 0, checksum: got?.checksum ?? NONE };
    if (sales.count !== expected.sales.length || sales.checksum !== idChecksum(expected.sales)) {
      mismatches.push(
        `${date}: sales ${String(sales.count)} held, ${String(expected.sales.length)} made`,
      );
    }
    const movements = { count: got?.movements ?? 0, checksum: got?.movementsChecksum ?? NONE };
    if (
      movements.count !== expected.movements.length ||
      movements.checksum !== idChecksum(expected.movements)
    ) {
      mismatches.push(
        `${date}: movements ${String(movements.count)} held, ${String(expected.movements.length)} made`,
      );
    }
  }
  return {
    ok: mismatches.length === 0,
    days: dates.length,
    serverSales: server ? server.sales + server.returns : 0,
    serverMovements: server?.movements ?? 0,
    mismatches,
  };
}
