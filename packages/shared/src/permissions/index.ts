export * from './permission';
export * from './role';
export * from './actor';
export * from './can';
