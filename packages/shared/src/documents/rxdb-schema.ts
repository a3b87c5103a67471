import { z } from 'zod';
import type { SyncCollection } from '../sync/collections';
import { DOCUMENT_DEFINITIONS } from './registry';

/** A JSON schema in the form RxDB's `addCollections` takes (typed loosely: shared does not import rxdb). */
export type RxJsonSchemaLike = {
  title: string;
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  indexes: string[][];
  additionalProperties?: boolean;
};

/**
 * Derives a collection's RxDB JSON schema from its zod schema, so the two can never drift: RxDB
 * manages `_deleted` itself; integer fields used in an index get the `multipleOf` RxDB needs to
 * build index strings. The RxDB schema version counts from 0 while document versions count from 1.
 */
export function rxJsonSchemaOf(collection: SyncCollection): RxJsonSchemaLike {
  const definition = DOCUMENT_DEFINITIONS[collection];
  const json = z.toJSONSchema(definition.schema, { target: 'draft-7' }) as {
    properties: Record<string, Record<string, unknown>>;
    required: string[];
  };
  const properties = { ...json.properties };
  delete properties._deleted;
  const indexedFields = new Set(definition.indexes.flat());
  for (const field of indexedFields) {
    const property = properties[field];
    if (property?.type === 'integer')
      properties[field] = { ...property, type: 'number', multipleOf: 1 };
    // An indexed enum (a `kind`) gets the maxLength RxDB needs from its longest value.
    if (
      property?.type === 'string' &&
      Array.isArray(property.enum) &&
      property.maxLength === undefined
    )
      properties[field] = {
        ...property,
        maxLength: Math.max(...(property.enum as string[]).map((value) => value.length)),
      };
  }
  return {
    title: collection,
    version: definition.schemaVersion - 1,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: json.required.filter((field) => field !== '_deleted'),
    indexes: definition.indexes.map((index) => [...index]),
  };
}
