import {
  AppError,
  CHECKPOINT_RESTART_HEADER,
  QUARANTINED_HEADER,
  type PushRow,
  type PushableCollection,
  type SyncCollection,
  DOCUMENT_DEFINITIONS,
  SNAPSHOT_MEDIA_TYPE,
  isPushableCollection,
  isSyncCollection,
  validationError,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { AppDeps, AppEnv } from '../../http/app-env';
import { createBillLookupRoutes } from './bill-lookup.routes';
import { documentsAdapter } from './documents-adapter';
import { type FactAdapter, movementAdapter, saleAdapter } from './push-adapters';
import { pushFacts } from './push.service';
import { REVALIDATE_PRIVATE } from '../../http/cache-policy';
import { isReferenceCollection, pullPage, syncState } from './pull.service';
import { openSnapshot } from './snapshot.service';
import { streamHints } from './sync-stream';
import { pullQuerySchema, pushRequestSchemaOf } from './sync.schemas';

const ADAPTERS: { [C in PushableCollection]: FactAdapter<{ id: string; _deleted: boolean }> } = {
  sales: saleAdapter,
  'stock-movements': movementAdapter,
  documents: documentsAdapter,
};

function collectionOf(name: string): SyncCollection {
  if (!isSyncCollection(name)) {
    throw new AppError('UNKNOWN_COLLECTION', 'There is no replicated collection of that name.', {
      collection: name.slice(0, 64),
    });
  }
  return name;
}

/**
 * A client whose documents carry an older schema version that the schema no longer accepts must
 * update before it may push: its rows would fail validation forever and wedge its queue, so it
 * hears 426 instead of 400. An older version the schema still reads (a version-1 sale, issue 19)
 * is pushed as it is, so a queue written before an upgrade drains.
 */
function assertSchemaVersions(collection: SyncCollection, body: unknown): void {
  if (!Array.isArray(body)) return;
  const { schema, schemaVersion: current } = DOCUMENT_DEFINITIONS[collection];
  const versionSchema = schema.shape.schemaVersion;
  for (const row of body as unknown[]) {
    const version = (row as { newDocumentState?: { schemaVersion?: unknown } } | null)
      ?.newDocumentState?.schemaVersion;
    if (
      typeof version === 'number' &&
      version < current &&
      !versionSchema.safeParse(version).success
    ) {
      throw new AppError('CLIENT_TOO_OLD', 'Update the terminal: its documents are outdated.', {
        schemaVersion: version,
        current,
      });
    }
  }
}

/**
 * The replication routes (docs/sync.md), mounted by the app at `/v1/sync` behind the device-auth
 * middleware: `c.var.device` is the only source of the store a request may see or write.
 */
export function createSyncRoutes(
  deps: AppDeps & {
    /** Told the documents of every push that was stored (sync lag, features/sync/push-lag.ts). */
    readonly onPushed?: (docs: readonly object[]) => void;
  },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/state', async (c) => c.json(await syncState(deps, c.var.device)));

  app.get('/stream', (c) => streamHints(c, deps));

  app.route('/bill', createBillLookupRoutes(deps));

  app.get('/:collection/pull', async (c) => {
    const collection = collectionOf(c.req.param('collection'));
    const query = pullQuerySchema.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error, 'pull query');
    const page = await pullPage(deps, c.var.device, collection, query.data);
    if (page.restart) c.header(CHECKPOINT_RESTART_HEADER, page.restart);
    // A page at a checkpoint stays the same bytes until new rows arrive, so a terminal's browser
    // cache may keep reference pages and revalidate them (ETag → 304, http/http-caching.ts); a
    // store's sales and stock stay no-store.
    if (isReferenceCollection(collection)) c.header('Cache-Control', REVALIDATE_PRIVATE);
    return c.json({ documents: page.documents, checkpoint: page.checkpoint });
  });

  // A new terminal's first load of a pull-only collection (snapshot.service.ts): gzip when the
  // client accepts it, which every fetch does; a store's uplink is the slow part of a first day.
  app.get(
    '/:collection/snapshot',
    compress({ contentTypeFilter: (type) => type.startsWith(SNAPSHOT_MEDIA_TYPE) }),
    async (c) => {
      const collection = collectionOf(c.req.param('collection'));
      const snapshot = await openSnapshot(deps, c.var.device, collection);
      const logger = c.var.logger;
      const encoder = new TextEncoder();
      let header: string | undefined = `${JSON.stringify(snapshot.header)}\n`;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (header !== undefined) {
            controller.enqueue(encoder.encode(header));
            header = undefined;
            return;
          }
          try {
            const next = await snapshot.chunks.next();
            if (next.done === true) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          } catch (error) {
            // Headers are gone: the client sees a stream without its end line and loads again.
            logger.error({ err: error, collection }, 'sync snapshot failed mid-stream');
            controller.error(error);
          }
        },
        async cancel() {
          await snapshot.chunks.return(undefined);
        },
      });
      c.header('Cache-Control', 'no-store');
      return c.body(body, 200, { 'Content-Type': `${SNAPSHOT_MEDIA_TYPE}; charset=utf-8` });
    },
  );

  app.post(
    '/:collection/push',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `A push may carry at most ${deps.maxBodyBytes} bytes.`,
        );
      },
    }),
    async (c) => {
      const collection = collectionOf(c.req.param('collection'));
      if (!isPushableCollection(collection)) {
        throw new AppError(
          'FORBIDDEN',
          `${collection} is server-owned and pull-only for terminals.`,
        );
      }
      const contentType = c.req.header('content-type');
      if (contentType !== undefined && !/^application\/(.+\+)?json\b/i.test(contentType)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'A push is sent as application/json.');
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new AppError('BAD_JSON', 'The request body is not valid JSON.');
      }
      assertSchemaVersions(collection, body);
      const rows = pushRequestSchemaOf(collection).safeParse(body);
      if (!rows.success) throw validationError(rows.error, 'push body');
      const logger = c.var.logger;
      const outcome = await pushFacts(
        deps,
        ADAPTERS[collection],
        c.var.device,
        rows.data as PushRow<{ id: string; _deleted: boolean }>[],
        (error) => {
          logger.error({ err: error }, 'sync push background work failed');
        },
      );
      if (outcome.quarantined.length > 0) {
        logger.warn(
          { collection, deviceId: c.var.device.deviceId, quarantined: outcome.quarantined },
          'pushed rows quarantined',
        );
      }
      deps.onPushed?.(rows.data.map((row) => row.newDocumentState));
      c.header(QUARANTINED_HEADER, String(outcome.quarantined.length));
      return c.json(outcome.conflicts);
    },
  );

  return app;
}
