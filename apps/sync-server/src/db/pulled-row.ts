/**
 * A pulled row: its sequence number (decimal text) and the document. Every collection's pull query
 * answers these, in seq order after a checkpoint (the sync feature pages them to terminals).
 */
export type PulledRow<TDoc> = { readonly seq: string; readonly document: TDoc };
