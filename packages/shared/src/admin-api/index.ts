export * from './dashboard';
export * from './reports';
export * from './stock';
export * from './stores';
export * from './catalogue';
export * from './audit';
export * from './notifications';
