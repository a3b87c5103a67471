import { describe, expect, it } from 'vitest';
import { SYNC_COLLECTIONS } from '../sync/collections';
import { DOCUMENT_DEFINITIONS } from './registry';
import { rxJsonSchemaOf } from './rxdb-schema';

describe('rxJsonSchemaOf', () => {
  it.each(SYNC_COLLECTIONS)('derives a schema RxDB accepts for %s', (collection) => {
    const schema = rxJsonSchemaOf(collection);
    const zodShape = DOCUMENT_DEFINITIONS[collection].schema.shape as Record<string, unknown>;
    // Every document field but RxDB's own _deleted appears, and nothing else.
    expect(Object.keys(schema.properties).sort()).toEqual(
      Object.keys(zodShape)
        .filter((k) => k !== '_deleted')
        .sort(),
    );
    expect(schema.required).toContain('id');
    expect(schema.properties.id).toMatchObject({
      type: 'string',
      maxLength: expect.any(Number) as number,
    });
    expect(schema.version).toBe(DOCUMENT_DEFINITIONS[collection].schemaVersion - 1);
    for (const index of schema.indexes) {
      for (const field of index) {
        const property = schema.properties[field];
        expect(schema.required, `${collection}.${field} must be required to be indexed`).toContain(
          field,
        );
        if (property?.type === 'string')
          expect(property.maxLength, `${collection}.${field}`).toEqual(expect.any(Number));
        else {
          expect(property).toMatchObject({ type: 'number', multipleOf: 1 });
          expect(property?.minimum).toEqual(expect.any(Number));
          expect(property?.maximum).toEqual(expect.any(Number));
        }
      }
    }
    expect(JSON.stringify(schema)).not.toContain('_deleted');
  });
});
