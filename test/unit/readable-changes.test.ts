/** Which response bodies openapi-fetch types otherwise than their schema (see generator/model/readable-changes.ts). */
import { describe, expect, it } from 'vitest';
import { readableChanges } from '../../generator/model/readable-changes.js';
import type { JsonObject } from '../../generator/json.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (items: unknown) => ({ type: 'array', items });

function changes(schemas: Record<string, unknown>, schema: unknown): boolean {
  const document = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas } } as JsonObject;
  return readableChanges(document, schema);
}

describe('readableChanges', () => {
  it('finds an allOf whose members both declare one array property, however deep the body holds it', () => {
    const schemas = {
      Base: { type: 'object', properties: { members: list({ type: 'string' }) } },
      Group: { allOf: [ref('Base'), { type: 'object', properties: { members: list({ type: 'string' }) } }] },
      Page: { type: 'object', properties: { data: { type: 'object', additionalProperties: list(ref('Group')) } } },
    };
    expect(changes(schemas, ref('Group'))).toBe(true);
    expect(changes(schemas, ref('Page'))).toBe(true);
    // Declared once, or twice but as objects, the intersection types as written.
    expect(changes(schemas, ref('Base'))).toBe(false);
    expect(changes({ A: { allOf: [{ properties: { p: { type: 'object' } } }, { properties: { p: { type: 'object' } } }] } }, ref('A'))).toBe(false);
  });

  it('counts the properties a member inherits from an allOf of its own', () => {
    const schemas = {
      Root: { properties: { tags: list({ type: 'string' }) } },
      Mid: { allOf: [ref('Root')] },
      Leaf: { allOf: [ref('Mid'), { properties: { tags: { items: { type: 'string' } } } }] },
    };
    expect(changes(schemas, ref('Leaf'))).toBe(true);
  });

  it('ends on recursive models', () => {
    const schemas = {
      Node: { type: 'object', properties: { children: list(ref('Node')), parent: ref('Node') } },
      Loop: { allOf: [ref('Loop'), { properties: { x: { type: 'string' } } }] },
    };
    expect(changes(schemas, ref('Node'))).toBe(false);
    expect(changes(schemas, ref('Loop'))).toBe(false);
  });
});
