export * from './calendar-date';
export * from './well-formed-text';
export * from './input-schemas';
