/**
 * The pure domain core of Kiryana: every app computes money, tax, units and stock through these
 * functions, and exchanges documents shaped by these schemas.
 */
export * from './money/index';
export * from './format/index';
export * from './units/index';
export * from './gst/index';
export * from './gst-returns/index';
export * from './bill/index';
export * from './ids/index';
export * from './invoice/index';
export * from './stock/index';
export * from './transfers/index';
export * from './purchasing/index';
export * from './errors/index';
export * from './input/index';
export * from './sync/index';
export * from './permissions/index';
export * from './documents/index';
export * from './workflow/index';
export * from './admin-api/index';
export * from './pins/index';
export * from './sales/index';
export * from './events/index';
export * from './webhooks/index';
export * from './promotions/index';
