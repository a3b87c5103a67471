import type {
  Price,
  Product,
  Sale,
  StockLevel,
  StockMovement,
  SyncCollection,
} from '@kiryana/shared';

/**
 * Reads what the server holds, through its own replication API with a device of the same store
 * (black-box: no SQL against the server's tables).
 */
export type ServerReader = {
  readonly storeId: string;
  readonly regionId: string;
  pullAll<T>(collection: SyncCollection): Promise<T[]>;
  products(): Promise<Product[]>;
  prices(): Promise<Price[]>;
  sales(): Promise<Sale[]>;
  movements(): Promise<StockMovement[]>;
  levels(): Promise<StockLevel[]>;
};

/** Enrols a reading device with `code` and returns its reader. */
export async function createServerReader(serverUrl: string, code: string): Promise<ServerReader> {
  const enrolled = (await (
    await fetch(`${serverUrl}/v1/devices/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, terminalName: 'e2e reader' }),
    })
  ).json()) as { deviceId: string; deviceSecret: string; storeId: string; regionId: string };
  const token = async () => {
    const response = await fetch(`${serverUrl}/v1/devices/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: enrolled.deviceId, secret: enrolled.deviceSecret }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const pullAll = async <T>(collection: SyncCollection): Promise<T[]> => {
    const authorization = `Bearer ${await token()}`;
    const documents: T[] = [];
    let checkpoint: unknown = null;
    for (;;) {
      const query = new URLSearchParams({ limit: '1000' });
      if (checkpoint !== null) query.set('checkpoint', JSON.stringify(checkpoint));
      const response = await fetch(`${serverUrl}/v1/sync/${collection}/pull?${query.toString()}`, {
        headers: { authorization },
      });
      if (!response.ok)
        throw new Error(`pull ${collection}: ${response.status} ${await response.text()}`);
      const page = (await response.json()) as { documents: T[]; checkpoint: unknown };
      documents.push(...page.documents);
      checkpoint = page.checkpoint;
      if (page.documents.length < 1000) return documents;
    }
  };
  return {
    storeId: enrolled.storeId,
    regionId: enrolled.regionId,
    pullAll,
    products: () => pullAll<Product>('products'),
    prices: () => pullAll<Price>('prices'),
    sales: () => pullAll<Sale>('sales'),
    movements: () => pullAll<StockMovement>('stock-movements'),
    levels: () => pullAll<StockLevel>('stock-levels'),
  };
}
