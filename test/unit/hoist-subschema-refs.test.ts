/** References into a schema's inside get a component name of their own before openapi-typescript types them. */
import { describe, expect, it } from 'vitest';
import { hoistSubSchemaRefs, isSubSchemaPointer } from '../../generator/pipeline/hoist-subschema-refs.js';
import { emitTypes } from '../../generator/pipeline/emit-types.js';
import type { OpenApiDocument } from '../../generator/json.js';

describe('isSubSchemaPointer', () => {
  it.each([
    [['components', 'schemas', 'Tag'], false],
    [['components', 'schemas', 'Tag', 'allOf', '0'], true],
    [['components', 'schemas', 'Tag', 'properties', 'name'], true],
    [['components', 'schemas', 'Tag', 'properties', 'name', 'items'], true],
    [['components', 'schemas', 'Tag', 'definitions', 'ref', 'properties', 'id'], true],
    [['components', 'schemas', 'Tag', 'example'], false],
    [['components', 'schemas', 'Tag', 'allOf'], false],
    [['components', 'parameters', 'limit'], false],
    [['components', 'parameters', 'limit', 'schema'], true],
    [['components', 'responses', 'Err', 'content', 'application/json', 'schema', 'oneOf', '1'], true],
    [['paths', '/pets', 'get', 'responses', '200'], false],
    [['paths', '/pets', 'get', 'responses', '200', 'content', 'application/json', 'schema'], true],
  ])('%j → %s', (tokens, want) => {
    expect(isSubSchemaPointer(tokens)).toBe(want);
  });
});

function doc(extra: Record<string, unknown>): OpenApiDocument {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, ...extra };
}

describe('hoistSubSchemaRefs', () => {
  it('returns the document itself when no reference points inside a schema', () => {
    const given = doc({ components: { schemas: { A: { type: 'string' }, B: { $ref: '#/components/schemas/A' } } } });
    expect(hoistSubSchemaRefs(given)).toBe(given);
  });

  it('names each nested target after its pointer and points every reference to it, leaving the input as it was', () => {
    const tag = { allOf: [{ type: 'object', properties: { id: { type: 'integer' } } }, { type: 'object' }] };
    const given = doc({
      components: {
        schemas: {
          Tag: tag,
          Uses: { type: 'object', properties: { a: { $ref: '#/components/schemas/Tag/allOf/0' }, b: { $ref: '#/components/schemas/Tag/allOf/0' } } },
          Id: { $ref: '#/components/schemas/Tag/allOf/0/properties/id' },
        },
        parameters: { limit: { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } } },
      },
      paths: {
        '/a': {
          get: {
            parameters: [{ name: 'n', in: 'query', schema: { $ref: '#/components/parameters/limit/schema' } }],
            responses: { '200': { description: 'ok', content: { 'application/json': { example: { $ref: '#/components/schemas/Tag/allOf/1' } } } } },
          },
        },
      },
    });
    const before = JSON.stringify(given);
    const got = hoistSubSchemaRefs(given) as unknown as {
      components: { schemas: Record<string, unknown> };
      paths: Record<string, { get: { parameters: { schema: unknown }[]; responses: Record<string, unknown> } }>;
    };
    expect(JSON.stringify(given)).toBe(before);
    expect(got.components.schemas).toEqual({
      Tag: tag,
      Uses: { type: 'object', properties: { a: { $ref: '#/components/schemas/Tag~1allOf~10' }, b: { $ref: '#/components/schemas/Tag~1allOf~10' } } },
      Id: { $ref: '#/components/schemas/Tag~1allOf~10~1properties~1id' },
      'Tag/allOf/0': tag.allOf[0],
      'Tag/allOf/0/properties/id': { type: 'integer' },
      'parameters/limit/schema': { type: 'integer', maximum: 100 },
    });
    expect(got.paths['/a']?.get.parameters[0]?.schema).toEqual({ $ref: '#/components/schemas/parameters~1limit~1schema' });
    // An example is data: a `$ref` key in it is left alone.
    expect(JSON.stringify(got.paths['/a']?.get.responses)).toContain('#/components/schemas/Tag/allOf/1');
  });

  it('follows a reference met on the way to the target, and numbers a name that is taken', () => {
    const given = doc({
      components: {
        schemas: {
          'Box/properties/item': { type: 'boolean' },
          Box: { type: 'object', properties: { item: { $ref: '#/components/schemas/Item' } } },
          Item: { type: 'object', properties: { size: { type: 'number' } } },
          UsesSize: { $ref: '#/components/schemas/Box/properties/item/properties/size' },
          UsesItem: { $ref: '#/components/schemas/Box/properties/item' },
        },
      },
    });
    const schemas = (hoistSubSchemaRefs(given) as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    expect(schemas['Box/properties/item/properties/size']).toEqual({ type: 'number' });
    expect(schemas['Box/properties/item_2']).toEqual({ $ref: '#/components/schemas/Item' });
    expect(schemas.UsesItem).toEqual({ $ref: '#/components/schemas/Box~1properties~1item_2' });
  });

  it('makes openapi-typescript type such references by name instead of a path its output lacks', () => {
    const given = doc({
      components: {
        schemas: { Tag: { allOf: [{ type: 'object', properties: { id: { type: 'integer' } } }] }, Uses: { $ref: '#/components/schemas/Tag/allOf/0' } },
      },
    });
    const source = emitTypes(given).schema;
    expect(source).toContain('Uses: components["schemas"]["Tag/allOf/0"];');
    expect(source).not.toContain('["allOf"]');
  });
});
