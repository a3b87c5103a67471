export * from './apply-promotions';
export * from './promotion-bill';
export { type PromotionLineInput } from './promotion-lines';
export * from './promotion-schemas';
export * from './promotion-window';
export { MAX_OFFER_GROUPS } from './promotion-quantity-rules';
