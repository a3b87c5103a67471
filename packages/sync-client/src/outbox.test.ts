import { firstValueFrom, filter } from 'rxjs';
import { createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OUTBOX_RX_SCHEMA,
  confirmSynced,
  outboxObserver,
  reconcileOutbox,
  recordFact,
  recordFacts,
  watchUnsynced,
  type Fact,
  type Outbox,
} from './outbox';

const FACT_SCHEMA: RxJsonSchema<Fact> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 64 }, createdAt: { type: 'string' } },
  required: ['id', 'createdAt'],
};

let databaseCount = 0;

describe('outbox', () => {
  let db: RxDatabase;
  let outbox: Outbox;
  beforeEach(async () => {
    databaseCount += 1;
    db = await createRxDatabase({
      name: `outbox${String(databaseCount)}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    await db.addCollections({
      outbox: { schema: OUTBOX_RX_SCHEMA },
      sales: { schema: FACT_SCHEMA },
      'stock-movements': { schema: FACT_SCHEMA },
    });
    outbox = {
      entries: db.collections.outbox,
      facts: { sales: db.collections.sales, 'stock-movements': db.collections['stock-movements'] },
    } as Outbox;
  });
  afterEach(async () => {
    await db.close();
  });

  const ids = async () => (await outbox.entries.find().exec()).map((entry) => entry.toJSON());

  it('writes an entry with every fact and removes it when the fact is pushed or pulled back', async () => {
    await recordFact(outbox, 'sales', { id: 's1', createdAt: '2026-04-01T04:30:00.000Z' });
    await recordFacts(outbox, 'stock-movements', [
      { id: 'm1', createdAt: '2026-04-01T04:31:00.000Z' },
      { id: 'm2', createdAt: '2026-04-01T04:32:00.000Z' },
    ]);
    expect(await ids()).toEqual([
      { id: 's1', factCollection: 'sales', createdAt: '2026-04-01T04:30:00.000Z' },
      { id: 'm1', factCollection: 'stock-movements', createdAt: '2026-04-01T04:31:00.000Z' },
      { id: 'm2', factCollection: 'stock-movements', createdAt: '2026-04-01T04:32:00.000Z' },
    ]);

    const observer = outboxObserver(outbox);
    await observer.onPushed('sales', ['s1'], { conflicts: [], quarantined: 0 });
    // A pull of reference data never confirms a fact, even one with the same id.
    await observer.onPulled('products', ['m1']);
    await observer.onPulled('stock-movements', ['m1', 'someone-elses']);
    expect((await ids()).map((entry) => entry.id)).toEqual(['m2']);
    expect(
      await firstValueFrom(watchUnsynced(outbox).pipe(filter((summary) => summary.count === 1))),
    ).toEqual({ count: 1, oldestCreatedAt: '2026-04-01T04:32:00.000Z' });

    await confirmSynced(outbox, ['m2']);
    expect(await ids()).toEqual([]);
  });

  it('removes the entry of a fact the storage refused', async () => {
    await recordFact(outbox, 'sales', { id: 's1', createdAt: '2026-04-01T04:30:00.000Z' });
    await confirmSynced(outbox, ['s1']);
    await expect(
      recordFact(outbox, 'sales', { id: 's1', createdAt: '2026-04-01T04:30:00.000Z' }),
    ).rejects.toThrow();
    // A movement this client already has (pulled back): the storage refuses it, not its sibling.
    await outbox.facts['stock-movements'].insert({
      id: 'm1',
      createdAt: '2026-04-01T04:31:00.000Z',
    });
    await expect(
      recordFacts(outbox, 'stock-movements', [
        { id: 'm1', createdAt: '2026-04-01T04:31:00.000Z' },
        { id: 'm2', createdAt: '2026-04-01T04:32:00.000Z' },
      ]),
    ).rejects.toThrow('Could not store 1 documents in stock-movements.');
    expect(await ids()).toEqual([
      { id: 'm2', factCollection: 'stock-movements', createdAt: '2026-04-01T04:32:00.000Z' },
    ]);
  });

  it('drops entries whose fact was never written', async () => {
    await recordFact(outbox, 'sales', { id: 's1', createdAt: '2026-04-01T04:30:00.000Z' });
    // A crash between the two writes: the entry is there, the fact is not.
    await outbox.entries.insert({
      id: 'm9',
      factCollection: 'stock-movements',
      createdAt: '2026-04-01T04:33:00.000Z',
    });
    expect(await reconcileOutbox(outbox)).toBe(1);
    expect((await ids()).map((entry) => entry.id)).toEqual(['s1']);
  });
});
