import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';

/**
 * Every string a caller can send has a length bound in its route's schema (an index row, a log
 * line or a PDF cannot take a megabyte), read off the OpenAPI document the schemas produce.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface JsonSchema {
  type?: string | string[];
  maxLength?: number;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Paths inside `schema` where a string has no bound. */
function unboundedStrings(schema: JsonSchema | undefined, path: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const own = types.includes('string') && schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined ? [path] : [];
  const children: [JsonSchema | undefined, string][] = [
    ...Object.entries(schema.properties ?? {}).map(([key, child]): [JsonSchema, string] => [child, `${path}.${key}`]),
    [schema.items, `${path}[]`],
    [typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined, `${path}.*`],
    [schema.propertyNames, `${path}.<key>`],
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map((child): [JsonSchema, string] => [child, path]),
  ];
  return [...own, ...children.flatMap(([child, childPath]) => unboundedStrings(child, childPath))];
}

describe('route input schemas', () => {
  it('bound the length of every string a caller sends', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
    }>();
    const unbounded: string[] = [];
    for (const [url, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${url}`;
        for (const p of operation.parameters ?? []) if (p.in !== 'header') unbounded.push(...unboundedStrings(p.schema, `${where} ${p.in}:${p.name}`));
        for (const media of Object.values(operation.requestBody?.content ?? {})) unbounded.push(...unboundedStrings(media.schema, `${where} body`));
      }
    }
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
    expect(unbounded).toEqual([]);
  });
});
