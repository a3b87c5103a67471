/** The typed bodies of `documents` rows: transfers, purchase orders and their steps. */
export * from './workflow-body';
