import { readFileSync } from 'node:fs';
import { EVENT_TYPES, type EventType, eventEnvelopeSchema } from '@kiryana/shared';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverOpenApiDocument } from '../app';
import { identityOperations } from '../features/identity/identity-operations';
import { openIdentityTestApp } from '../features/identity/identity-test-kit';
import { suiteFixture } from '../testing/suite-fixture';
import { testDatabases } from '../testing/test-databases';
import { eventSchemaName } from './openapi-webhooks';

type Json = Record<string, unknown>;
type WebhookPost = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, unknown>;
};
type Doc = {
  webhooks: Record<string, { post: WebhookPost }>;
  components: { schemas: Record<string, Json> };
};

/** The sample events of docs/events.md: every JSON block of its "Event types" section. */
function documentedSamples(): unknown[] {
  const markdown = readFileSync(new URL('../../../../docs/events.md', import.meta.url), 'utf8');
  const section = /\n## Event types[^\n]*\n([\s\S]*?)(?=\n## )/.exec(markdown)?.[1] ?? '';
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map(
    (match) => JSON.parse(match[1] ?? '') as unknown,
  );
}

/** Changes of a valid event that the shared schema refuses, and one it accepts. */
function variantsOf(event: Json & { data: Json }): Json[] {
  const { storeSeq: _seq, ...withoutSeq } = event;
  const firstField = Object.keys(event.data)[0] ?? '';
  const { [firstField]: _first, ...dataWithoutFirst } = event.data;
  return [
    event,
    withoutSeq,
    { ...event, extra: true },
    { ...event, data: { ...event.data, extra: 1 } },
    { ...event, data: dataWithoutFirst },
    { ...event, storeSeq: '0' },
    { ...event, occurredAt: '2026-12-07' },
    { ...event, type: event.type === 'stock.low' ? 'sale.recorded' : 'stock.low' },
    {
      ...event,
      data: Object.fromEntries(
        Object.entries(event.data).map(([key, value]) => [
          key,
          typeof value === 'number' ? value + 0.5 : value,
        ]),
      ),
    },
  ];
}

describe('OpenAPI webhooks: one per event type, from the shared schemas', () => {
  const t = suiteFixture(() => {
    const database = testDatabases().at(-1);
    if (!database) throw new Error('no test database');
    return openIdentityTestApp(database);
  });
  let doc: Doc;
  beforeAll(async () => {
    doc = (await (await t.app.request('/openapi.json')).json()) as Doc;
  });

  it('is the document openapi-cli.ts prints, which the typed client is generated from', () => {
    expect(doc).toEqual(
      JSON.parse(
        JSON.stringify(serverOpenApiDocument({ identity: { operations: identityOperations } })),
      ),
    );
  });

  it('documents every event type as a signed POST of its envelope', () => {
    expect(Object.keys(doc.webhooks)).toEqual(EVENT_TYPES);
    for (const type of EVENT_TYPES) {
      const post = doc.webhooks[type]?.post;
      expect(post?.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
        ['webhook-id', 'header', true],
        ['webhook-timestamp', 'header', true],
        ['webhook-signature', 'header', true],
      ]);
      expect(post?.requestBody.content['application/json']?.schema.$ref).toBe(
        `#/components/schemas/${eventSchemaName(type)}`,
      );
      expect(Object.keys(post?.responses ?? {})).toEqual(['2XX', 'default']);
    }
    expect(new Set(EVENT_TYPES.map(eventSchemaName)).size).toBe(EVENT_TYPES.length);
  });

  it('shows the webhooks on the API reference page, with their headers and bodies', async () => {
    const html = await (await t.app.request('/docs')).text();
    const section = html.slice(html.indexOf('<section id="webhooks">'));
    expect(section).toMatch(/^<section id="webhooks"><h2>Webhooks<\/h2>/);
    for (const type of EVENT_TYPES) expect(section).toContain(`<code>${type}</code>`);
    expect(section).toContain('<code>webhook-signature</code>');
    expect(section).toContain('<code>reorderLevelBase</code>');
  });

  it('has a sample of every type in docs/events.md, valid for the shared schema and the document alike', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const validators = new Map(
      EVENT_TYPES.map((type) => [
        type,
        ajv.compile({
          ...doc.components.schemas[eventSchemaName(type)],
          $defs: doc.components.schemas,
        }),
      ]),
    );
    const samples = documentedSamples();
    const sampled = new Set<EventType>();
    for (const sample of samples) {
      const event = eventEnvelopeSchema.parse(sample);
      sampled.add(event.type);
      const validate = validators.get(event.type);
      expect(validate?.(sample), JSON.stringify(validate?.errors)).toBe(true);
      // The document says what the shared schema says: changed events pass or fail both.
      for (const variant of variantsOf(event)) {
        const zodSays = eventEnvelopeSchema.safeParse(variant).success;
        expect(validate?.(variant), `${event.type}: ${JSON.stringify(variant)}`).toBe(zodSays);
      }
    }
    expect([...sampled].sort()).toEqual([...EVENT_TYPES].sort());
  });
});
