/** What openapi-typescript is asked to emit for shapes real specs have. */
import { expect, it } from 'vitest';
import { emitTypes } from '../../generator/pipeline/emit-types.js';
import type { OpenApiDocument } from '../../generator/pipeline/load.js';

function schemas(defs: Record<string, unknown>): string {
  return emitTypes({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas: defs } } as OpenApiDocument);
}

it('types an object schema without properties as any object, so an allOf with it keeps its members', () => {
  // `Record<string, never>` made `Dict & Empty` reject Dict's own properties.
  const source = schemas({
    Dict: { type: 'object', properties: { a: { type: 'string' } } },
    Empty: { type: 'object' },
    Both: { allOf: [{ $ref: '#/components/schemas/Dict' }, { $ref: '#/components/schemas/Empty' }] },
  });
  expect(source).toContain('Empty: Record<string, unknown>;');
  expect(source).not.toMatch(/Empty: Record<string, never>/);
});
