export * from './webhook-subscription';
export * from './webhook-delivery';
