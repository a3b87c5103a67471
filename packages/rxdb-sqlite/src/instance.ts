import { Subject, type Observable } from 'rxjs';
import { now } from 'rxdb/plugins/core';
import type {
  BulkWriteRow,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
} from 'rxdb/plugins/core';
import { isDurableCollection, runBulkWrite, type WriteContext } from './bulk-write';
import { changedDocumentsSince, joinChangeHub, publishChanges, type ChangeBulk } from './changes';
import { releaseConnection, removeDatabaseFiles, type Connection } from './connection';
import { explainQuery, runCount, runQuery, type QueryContext, type ReadStats } from './query';
import { quoteIdent, type TableLayout } from './schema-sql';
import type { CollectionTable } from './table';
import { tableStatements, type TableStatements } from './statements';
import { attachmentsUnsupported, settle } from './errors';

type Doc = RxDocumentData<Record<string, unknown>>;

/** Options accepted per collection (none yet; the storage's settings apply). */
export type SQLiteInstanceOptions = Record<string, never>;

/** Internals exposed for tests and tools: the connection, the table layout and read counters. */
export type SQLiteInternals = {
  connection: Connection;
  layout: TableLayout;
  /** rows parsed from SQLite into JavaScript since the instance opened */
  stats: ReadStats;
};

/** One RxDB collection (one schema version) stored in one SQLite table. */
export class RxStorageInstanceSQLite<RxDocType> implements RxStorageInstance<
  RxDocType,
  SQLiteInternals,
  SQLiteInstanceOptions,
  RxStorageDefaultCheckpoint
> {
  readonly internals: SQLiteInternals;
  private readonly statements: TableStatements;
  private readonly changes$ = new Subject<ChangeBulk>();
  private readonly leaveHub: () => void;
  private readonly hubKey: string;
  private closed = false;
  private readonly ctx: QueryContext & WriteContext;

  constructor(
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly options: Readonly<SQLiteInstanceOptions>,
    connection: Connection,
    layout: TableLayout,
    private readonly table: CollectionTable,
  ) {
    this.internals = { connection, layout, stats: { rowsRead: 0 } };
    this.statements = tableStatements(connection.db, layout);
    this.hubKey = connection.filename + '\u0000' + layout.table;
    this.leaveHub = joinChangeHub(this.hubKey, this.changes$);
    this.ctx = {
      db: connection.db,
      schema: schema as RxJsonSchema<Doc>,
      layout,
      statements: this.statements,
      stats: this.internals.stats,
      instance: this as unknown as RxStorageInstance<Doc, unknown, unknown>,
      durable: isDurableCollection(collectionName),
      withoutFsync: connection.withoutFsync,
      table,
    };
  }

  private ensureOpen(): void {
    if (this.closed) {
      throw new Error(
        `SQLite storage: ${this.databaseName}/${this.collectionName} is already closed`,
      );
    }
  }

  bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    return settle(() => {
      this.ensureOpen();
      const outcome = runBulkWrite(this.ctx, documentWrites as BulkWriteRow<Doc>[], context);
      if (outcome.eventBulk) publishChanges(this.hubKey, outcome.eventBulk);
      return {
        error: outcome.errors,
      } as unknown as RxStorageBulkWriteResponse<RxDocType>;
    });
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    return settle(() => {
      this.ensureOpen();
      if (ids.length === 0 || !this.table.exists()) return [];
      const rows = this.statements.selectByIds().all(JSON.stringify(ids)) as {
        id: string;
        data: string;
      }[];
      const byId = new Map<string, Doc>();
      for (const row of rows) {
        this.internals.stats.rowsRead++;
        byId.set(row.id, JSON.parse(row.data) as Doc);
      }
      const found: Doc[] = [];
      for (const id of ids) {
        const doc = byId.get(id);
        if (doc && (withDeleted || !doc._deleted)) found.push(doc);
      }
      return found as RxDocumentData<RxDocType>[];
    });
  }

  query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    return settle(() => {
      this.ensureOpen();
      if (!this.table.exists()) return { documents: [] };
      const documents = runQuery(this.ctx, preparedQuery);
      return { documents: documents as RxDocumentData<RxDocType>[] };
    });
  }

  count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    return settle(() => {
      this.ensureOpen();
      if (!this.table.exists()) return { count: 0, mode: 'fast' };
      return runCount(this.ctx, preparedQuery);
    });
  }

  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    return settle(() => {
      this.ensureOpen();
      if (!this.table.exists()) {
        return { documents: [], checkpoint: checkpoint ?? { id: '', lwt: 0 } };
      }
      const page = changedDocumentsSince(this.ctx, limit, checkpoint);
      return page as {
        documents: RxDocumentData<RxDocType>[];
        checkpoint: RxStorageDefaultCheckpoint;
      };
    });
  }

  /** SQLite's EXPLAIN QUERY PLAN for a prepared query (diagnostics and tests). */
  explainQuery(preparedQuery: PreparedQuery<RxDocType>): string[] {
    this.ensureOpen();
    // Plans need the table; creating an empty one here changes no data.
    const { db, withoutFsync } = this.internals.connection;
    withoutFsync(() => {
      db.transaction(this.table.ensureCreated).immediate();
    });
    return explainQuery(this.ctx, preparedQuery);
  }

  getAttachmentData(): Promise<Blob> {
    return Promise.reject(attachmentsUnsupported(this.collectionName));
  }

  changeStream(): Observable<
    EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
  > {
    return this.changes$.asObservable() as unknown as Observable<
      EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
    >;
  }

  /** Purges tombstones older than minimumDeletedTime (ms); always finishes in one pass. */
  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return settle(() => {
      this.ensureOpen();
      if (this.table.exists()) this.statements.deleteTombstones().run(now() - minimumDeletedTime);
      return true;
    });
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.leaveHub();
      this.changes$.complete();
      releaseConnection(this.internals.connection);
    }
    return Promise.resolve();
  }

  /**
   * Drops this collection's table (all of its data) and closes the instance. When that was the
   * file's last table and no other instance has it open, the file itself is deleted.
   */
  remove(): Promise<void> {
    return settle(() => {
      this.ensureOpen();
      const { db } = this.internals.connection;
      const table = this.internals.layout.table;
      db.transaction(() => {
        db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
        db.prepare('DELETE FROM rxdb_collections WHERE table_name = ?').run(table);
      }).immediate();
      const left = db.prepare('SELECT count(*) AS n FROM rxdb_collections').get() as { n: number };
      return left.n === 0;
    }).then(async (fileIsEmpty) => {
      const connection = this.internals.connection;
      await this.close();
      if (fileIsEmpty && !connection.db.open) removeDatabaseFiles(connection.filename);
    });
  }
}
