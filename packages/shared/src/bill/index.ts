export * from './bill-gst-split';
export * from './bill-input-checks';
export * from './bill-lines';
export * from './bill-settlement';
export * from './bill-types';
export * from './compute-bill';
export * from './refund-cap';
