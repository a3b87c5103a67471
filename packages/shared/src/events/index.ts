export * from './event-data';
export * from './event-types';
export * from './event-envelope';
