/**
 * The protocol's own HTTP headers. Every one starts with `x-kiryana-`, so the terminal's proxies
 * (Electron's custom scheme, the browser host) can forward the ones of a newer server too.
 */

/** The prefix of every Kiryana protocol header (lower case, as `Headers` reports names). */
export const KIRYANA_HEADER_PREFIX = 'x-kiryana-';

/** Response header of a push: how many of its rows were quarantined instead of stored. */
export const QUARANTINED_HEADER = 'x-kiryana-quarantined';

/** Response header of a pull whose checkpoint was not honoured: why it restarted from 0. */
export const CHECKPOINT_RESTART_HEADER = 'x-kiryana-checkpoint-restart';
