export type * from './dashboard';
export type * from './reports';
