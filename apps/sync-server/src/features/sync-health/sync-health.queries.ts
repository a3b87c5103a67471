import type { Queryable } from '../../db/db';

/**
 * What the server received from a store's terminals, as counts and order-independent checksums,
 * so a terminal (or a manager) can compare with what it believes it sent without downloading
 * the documents. The checksum of a set of ids is the XOR of the first 64 bits of SHA-256 of each
 * id (UTF-8), as 16 lowercase hex digits: XOR does not depend on order and two sets XOR
 * together, so a day's checksums combine into a terminal's. SHA-256 because browsers have it in
 * WebCrypto (md5 they do not). A doubled id would cancel out of the XOR, which is why every
 * checksum travels with its count.
 */

/** The SQL of one id's 64-bit contribution to a checksum. */
function idHashSql(idText: string): string {
  return `('x' || left(encode(sha256(convert_to(${idText}, 'UTF8')), 'hex'), 16))::bit(64)::int8`;
}

const CHECKSUM_OF = (idText: string) =>
  `lpad(to_hex(coalesce(bit_xor(${idHashSql(idText)}), 0)), 16, '0')`;

/**
 * The checksum of arbitrary ids computed by the SQL the health answer uses, so tests can prove the
 * clients' WebCrypto function (`idChecksum` in `@kiryana/shared`) computes the same.
 */
export async function sqlIdChecksum(q: Queryable, ids: readonly string[]): Promise<string> {
  const { rows } = await q.query<{ checksum: string }>(
    `SELECT ${CHECKSUM_OF('i.id')} AS checksum FROM unnest($1::text[]) AS i(id)`,
    [ids],
  );
  return rows[0]?.checksum ?? '0000000000000000';
}

/** Sales and returns of one terminal on one business date. */
export type SalesDayRow = {
  readonly terminalId: string;
  readonly businessDate: string;
  readonly sales: number;
  readonly returns: number;
  readonly salesMinor: number;
  readonly returnsMinor: number;
  readonly checksum: string;
  readonly lastReceivedAt: string;
};

/** Movements a terminal pushed itself (receipts, adjustments …) on one business date. */
export type MovementDayRow = {
  readonly terminalId: string;
  readonly businessDate: string;
  readonly movements: number;
  readonly checksum: string;
};

/** A store's devices, so terminals that sent nothing in the period still show. */
export type StoreDeviceRow = {
  readonly deviceId: string;
  readonly terminalCode: string;
  readonly name: string;
  readonly status: 'active' | 'revoked';
  readonly lastSeenAt: string | null;
  readonly quarantined: number;
};

/** Sales per terminal and business date of a store in `[from, to]` (served by sales_store_date_idx). */
export async function salesByTerminalDay(
  q: Queryable,
  storeId: string,
  from: string,
  to: string,
): Promise<SalesDayRow[]> {
  const { rows } = await q.query<{
    terminal_id: string;
    day: string;
    sales: number;
    returns: number;
    sales_minor: number;
    returns_minor: number;
    checksum: string;
    last_ms: number;
  }>(
    `SELECT s.terminal_id, to_char(s.business_date, 'YYYY-MM-DD') AS day,
            count(*) FILTER (WHERE s.kind = 'sale')::int8 AS sales,
            count(*) FILTER (WHERE s.kind = 'return')::int8 AS returns,
            coalesce(sum(s.total_minor) FILTER (WHERE s.kind = 'sale'), 0)::int8 AS sales_minor,
            coalesce(sum(s.total_minor) FILTER (WHERE s.kind = 'return'), 0)::int8 AS returns_minor,
            ${CHECKSUM_OF('s.id::text')} AS checksum,
            (extract(epoch FROM max(s.received_at)) * 1000)::int8 AS last_ms
       FROM sales s
      WHERE s.store_id = $1 AND s.business_date BETWEEN $2::date AND $3::date
      GROUP BY s.terminal_id, s.business_date
      ORDER BY s.terminal_id, s.business_date`,
    [storeId, from, to],
  );
  return rows.map((r) => ({
    terminalId: r.terminal_id,
    businessDate: r.day,
    sales: r.sales,
    returns: r.returns,
    salesMinor: r.sales_minor,
    returnsMinor: r.returns_minor,
    checksum: r.checksum,
    lastReceivedAt: new Date(r.last_ms).toISOString(),
  }));
}

/**
 * Movements terminals pushed themselves, per terminal and business date (the store's calendar day
 * of `createdAt`). Movements the server derived from sales are left out: they are checked through
 * their sales. Reads the store's partition; terminal-made movements are few next to sale lines.
 */
export async function movementsByTerminalDay(
  q: Queryable,
  storeId: string,
  from: string,
  to: string,
): Promise<MovementDayRow[]> {
  const { rows } = await q.query<{
    terminal_id: string;
    day: string;
    movements: number;
    checksum: string;
  }>(
    `SELECT coalesce(m.doc->>'terminalId', '') AS terminal_id,
            to_char((m.created_at AT TIME ZONE st.timezone)::date, 'YYYY-MM-DD') AS day,
            count(*)::int8 AS movements, ${CHECKSUM_OF('m.id')} AS checksum
       FROM stock_movements m
       JOIN stores st ON st.id = m.store_id
      WHERE m.store_id = $1 AND m.kind NOT IN ('sale', 'return')
        AND (m.created_at AT TIME ZONE st.timezone)::date BETWEEN $2::date AND $3::date
      GROUP BY 1, 2
      ORDER BY 1, 2`,
    [storeId, from, to],
  );
  return rows.map((r) => ({
    terminalId: r.terminal_id,
    businessDate: r.day,
    movements: r.movements,
    checksum: r.checksum,
  }));
}

/** The store's devices with their unresolved quarantined rows. */
export async function storeDevices(q: Queryable, storeId: string): Promise<StoreDeviceRow[]> {
  const { rows } = await q.query<{
    id: string;
    terminal_code: string;
    name: string;
    status: 'active' | 'revoked';
    last_ms: number | null;
    quarantined: number;
  }>(
    `SELECT d.id, d.terminal_code, d.name, d.status,
            (extract(epoch FROM d.last_seen_at) * 1000)::int8 AS last_ms,
            (SELECT count(*) FROM quarantine qu
              WHERE qu.store_id = d.store_id AND qu.device_id = d.id
                AND qu.resolved_at IS NULL)::int8 AS quarantined
       FROM devices d
      WHERE d.store_id = $1
      ORDER BY d.terminal_code`,
    [storeId],
  );
  return rows.map((r) => ({
    deviceId: r.id,
    terminalCode: r.terminal_code,
    name: r.name,
    status: r.status,
    lastSeenAt: r.last_ms === null ? null : new Date(r.last_ms).toISOString(),
    quarantined: r.quarantined,
  }));
}

/** Whether the store exists, and its time zone (business dates are its calendar days). */
export async function storeTimeZone(q: Queryable, storeId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ timezone: string }>(
    'SELECT timezone FROM stores WHERE id = $1',
    [storeId],
  );
  return rows[0]?.timezone;
}
