import type {
  Price,
  Product,
  Sale,
  StockLevel,
  StockMovement,
  SyncCollection,
} from '@kiryana/shared';
import {
  createAccessTokens,
  createSyncApi,
  enrollDevice,
  pullAll as pullEveryPage,
} from '@kiryana/sync-client';

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
  const credential = await enrollDevice(fetch, serverUrl, code, 'e2e reader');
  const api = createSyncApi(
    fetch,
    serverUrl,
    createAccessTokens(fetch, credential, { now: () => Date.now() }),
  );
  // The server validated what it stores; the reader reads it back as the shared types.
  const pullAll = async <T>(collection: SyncCollection): Promise<T[]> =>
    (await pullEveryPage(api, collection)) as T[];
  return {
    storeId: credential.storeId,
    regionId: credential.regionId,
    pullAll,
    products: () => pullAll<Product>('products'),
    prices: () => pullAll<Price>('prices'),
    sales: () => pullAll<Sale>('sales'),
    movements: () => pullAll<StockMovement>('stock-movements'),
    levels: () => pullAll<StockLevel>('stock-levels'),
  };
}
