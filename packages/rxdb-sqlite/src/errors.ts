/** The error every attachment path throws: this storage keeps documents only. */
export function attachmentsUnsupported(collectionName: string): Error {
  return new Error(
    `SQLite storage: attachments are not supported (collection "${collectionName}"). ` +
      'Store files outside RxDB and keep their path or hash in the document.',
  );
}

/**
 * Runs synchronous storage work and hands its result or error back as a promise, so a failing
 * SQLite call rejects the RxStorage method instead of throwing at the caller.
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
