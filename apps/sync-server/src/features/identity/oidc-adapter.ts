import { createHmac } from 'node:crypto';
import { isWellFormedText } from '@kiryana/shared';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../db/db';

/**
 * oidc-provider's storage in our database, so sessions, codes and refresh tokens survive a restart
 * and are shared by every server process. One table for every model; the columns beside the JSON
 * payload serve the adapter's lookups (by grant, by uid, by user code).
 *
 * The `Client` model is special: HQ integration clients live in `integration_clients` and their
 * secrets are never stored — the adapter derives each from the server key, the client id and the
 * secret version (see `integrationClientSecret`).
 */
export function createOidcAdapterFactory(db: Db, clientSecretKey: Buffer): AdapterFactory {
  return (model: string): Adapter =>
    model === 'Client' ? clientAdapter(db, clientSecretKey) : modelAdapter(db, model);
}

/** The client secret of an integration client; HMAC, so nothing secret sits in the database. */
export function integrationClientSecret(key: Buffer, clientId: string, version: number): string {
  return createHmac('sha256', key)
    .update(`kiryana integration client secret v1\n${clientId}\n${version}`)
    .digest('base64url');
}

function modelAdapter(db: Db, model: string): Adapter {
  const find = async (where: string, value: string) => {
    // Ids, uids and codes come straight from the request: one the database cannot even hold
    // (U+0000, an unpaired surrogate) names nothing, like any unknown id.
    if (!isWellFormedText(value)) return undefined;
    const { rows } = await db.query<{ payload: AdapterPayload; consumed_ms: number | null }>(
      `SELECT payload, (extract(epoch FROM consumed_at))::int8 AS consumed_ms FROM oidc_models
        WHERE model = $1 AND ${where} = $2 AND (expires_at IS NULL OR expires_at > now())`,
      [model, value],
    );
    const row = rows[0];
    if (!row) return undefined;
    return row.consumed_ms === null ? row.payload : { ...row.payload, consumed: row.consumed_ms };
  };
  return {
    async upsert(id, payload, expiresIn) {
      await db.query(
        `INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, CASE WHEN $7::int8 IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int8) END)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [
          model,
          id,
          JSON.stringify(payload),
          payload.grantId ?? null,
          payload.userCode ?? null,
          payload.uid ?? null,
          expiresIn ?? null,
        ],
      );
    },
    find: (id) => find('id', id),
    findByUid: (uid) => find('uid', uid),
    findByUserCode: (userCode) => find('user_code', userCode),
    async consume(id) {
      if (!isWellFormedText(id)) return;
      await db.query('UPDATE oidc_models SET consumed_at = now() WHERE model = $1 AND id = $2', [
        model,
        id,
      ]);
    },
    async destroy(id) {
      if (!isWellFormedText(id)) return;
      await db.query('DELETE FROM oidc_models WHERE model = $1 AND id = $2', [model, id]);
    },
    async revokeByGrantId(grantId) {
      if (!isWellFormedText(grantId)) return;
      // Every model of the grant: reusing a rotated refresh token revokes the whole family.
      await db.query('DELETE FROM oidc_models WHERE grant_id = $1', [grantId]);
    },
  };
}

function clientAdapter(db: Db, key: Buffer): Adapter {
  const unsupported = () => Promise.resolve();
  return {
    async find(clientId) {
      if (!isWellFormedText(clientId)) return undefined;
      const { rows } = await db.query<{
        client_id: string;
        secret_version: number;
        display_name: string;
        status: string;
      }>(
        `SELECT c.client_id, c.secret_version, u.display_name, u.status
           FROM integration_clients c JOIN users u ON u.id = c.user_id WHERE c.client_id = $1`,
        [clientId],
      );
      const row = rows[0];
      if (!row || row.status !== 'active') return undefined;
      return {
        client_id: row.client_id,
        client_secret: integrationClientSecret(key, row.client_id, row.secret_version),
        client_name: row.display_name,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      };
    },
    upsert: unsupported,
    findByUid: () => Promise.resolve(undefined),
    findByUserCode: () => Promise.resolve(undefined),
    consume: unsupported,
    destroy: unsupported,
    revokeByGrantId: unsupported,
  };
}

/** How often expired provider rows and idle rate-limit buckets are swept, at most. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes expired provider rows and rate-limit buckets idle for an hour (a full bucket is the same
 * as no bucket). Called on sign-in traffic, at most once per interval per process, so no timer has
 * to be owned and stopped.
 */
export function createSweeper(db: Db, clock: { now: () => number }): () => void {
  let lastMs = Number.NEGATIVE_INFINITY;
  return () => {
    const nowMs = clock.now();
    if (nowMs - lastMs < SWEEP_INTERVAL_MS) return;
    lastMs = nowMs;
    // Housekeeping only: a failed sweep is retried at the next interval.
    void db
      .query('DELETE FROM oidc_models WHERE expires_at < now()')
      .then(() => db.query('DELETE FROM rate_limits WHERE updated_ms < $1', [nowMs - 3_600_000]))
      .catch(() => undefined);
  };
}
