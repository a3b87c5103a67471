import {
  AppError,
  type Clock,
  type DayHealth,
  DEFAULT_HEALTH_DAYS,
  type HealthQuery,
  MAX_HEALTH_DAYS,
  type SyncHealth,
  type TerminalHealth,
  businessDate,
  xorChecksums,
} from '@kiryana/shared';
import type { Db } from '../../db/db';
import { stockLevelDrift } from '../stock/stock.service';
import {
  type StoreDeviceRow,
  movementsByTerminalDay,
  salesByTerminalDay,
  storeDevices,
  storeTimeZone,
} from './sync-health.queries';

/** What the health check needs. */
export type SyncHealthDeps = { readonly db: Db; readonly clock: Clock };

const ZERO = '0000000000000000';
const DAY_MS = 86_400_000;

type Counts = Omit<DayHealth, 'businessDate'>;

const NOTHING: Counts = {
  sales: 0,
  returns: 0,
  salesMinor: 0,
  returnsMinor: 0,
  checksum: ZERO,
  movements: 0,
  movementsChecksum: ZERO,
};

function addCounts(into: Counts, day: Counts): Counts {
  return {
    sales: into.sales + day.sales,
    returns: into.returns + day.returns,
    salesMinor: into.salesMinor + day.salesMinor,
    returnsMinor: into.returnsMinor + day.returnsMinor,
    checksum: xorChecksums(into.checksum, day.checksum),
    movements: into.movements + day.movements,
    movementsChecksum: xorChecksums(into.movementsChecksum, day.movementsChecksum),
  };
}

function periodOf(query: HealthQuery, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  const from =
    query.from ??
    new Date(Date.parse(`${to}T00:00:00Z`) - DEFAULT_HEALTH_DAYS * DAY_MS)
      .toISOString()
      .slice(0, 10);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (from > to || days >= MAX_HEALTH_DAYS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `from must not be after to, and at most ${MAX_HEALTH_DAYS} days apart.`,
      { fields: [{ path: 'to', message: 'period out of range' }] },
    );
  }
  return { from, to };
}

function deviceOf(row: StoreDeviceRow | undefined): TerminalHealth['device'] {
  if (!row) return null;
  return {
    terminalCode: row.terminalCode,
    name: row.name,
    status: row.status,
    lastSeenAt: row.lastSeenAt,
  };
}

/**
 * The sync health of a store over a period: per terminal and business date, what the server
 * holds (counts, money and id checksums), the store's devices with their quarantined rows and,
 * when asked, whether the stock projection equals the sum of movements.
 */
export async function storeSyncHealth(
  deps: SyncHealthDeps,
  storeId: string,
  query: HealthQuery,
): Promise<SyncHealth> {
  const timeZone = await storeTimeZone(deps.db, storeId);
  if (timeZone === undefined) throw new AppError('NOT_FOUND', 'No such store.');
  const nowMs = deps.clock.now();
  const { from, to } = periodOf(query, businessDate(new Date(nowMs), timeZone));
  const [sales, movements, devices, drift] = await Promise.all([
    salesByTerminalDay(deps.db, storeId, from, to),
    movementsByTerminalDay(deps.db, storeId, from, to),
    storeDevices(deps.db, storeId),
    query.stock ? stockLevelDrift(deps.db, storeId) : Promise.resolve(undefined),
  ]);

  const days = new Map<string, Map<string, DayHealth>>();
  const lastReceived = new Map<string, string>();
  const dayOf = (terminalId: string, date: string): DayHealth => {
    const byDate = days.get(terminalId) ?? new Map<string, DayHealth>();
    days.set(terminalId, byDate);
    const day = byDate.get(date) ?? { businessDate: date, ...NOTHING };
    byDate.set(date, day);
    return day;
  };
  for (const row of sales) {
    Object.assign(dayOf(row.terminalId, row.businessDate), {
      sales: row.sales,
      returns: row.returns,
      salesMinor: row.salesMinor,
      returnsMinor: row.returnsMinor,
      checksum: row.checksum,
    });
    const last = lastReceived.get(row.terminalId);
    if (last === undefined || row.lastReceivedAt > last)
      lastReceived.set(row.terminalId, row.lastReceivedAt);
  }
  for (const row of movements) {
    Object.assign(dayOf(row.terminalId, row.businessDate), {
      movements: row.movements,
      movementsChecksum: row.checksum,
    });
  }
  for (const device of devices)
    if (!days.has(device.deviceId)) days.set(device.deviceId, new Map());

  const devicesById = new Map(devices.map((d) => [d.deviceId, d]));
  let totals = NOTHING;
  const terminals: TerminalHealth[] = [];
  for (const [terminalId, byDate] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    if (query.terminalId !== undefined && terminalId !== query.terminalId) continue;
    const list = [...byDate.values()].sort((a, b) => a.businessDate.localeCompare(b.businessDate));
    const sums = list.reduce<Counts>(addCounts, NOTHING);
    totals = addCounts(totals, sums);
    terminals.push({
      terminalId,
      device: deviceOf(devicesById.get(terminalId)),
      quarantined: devicesById.get(terminalId)?.quarantined ?? 0,
      lastReceivedAt: lastReceived.get(terminalId) ?? null,
      ...sums,
      days: list,
    });
  }
  return {
    storeId,
    from,
    to,
    serverTime: new Date(nowMs).toISOString(),
    checksumAlgorithm: 'xor-sha256-64',
    totals,
    terminals,
    stock: drift === undefined ? null : { driftingProducts: drift.length },
  };
}
