/** What openapi-typescript is asked to emit for shapes real specs have. */
import { expect, it } from 'vitest';
import { emitTypes } from '../../generator/pipeline/emit-types.js';

function schemas(defs: Record<string, unknown>): string {
  return emitTypes({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas: defs } }).schema;
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

it.each([
  // Zalando: `Page` is discriminated by `content`, which each child declares as an array.
  [
    'a child typing the property otherwise',
    {
      Page: { type: 'object', required: ['content'], properties: { content: { type: 'string' } }, discriminator: { propertyName: 'content' } },
      Articles: { allOf: [{ $ref: '#/components/schemas/Page' }, { type: 'object', properties: { content: { type: 'array', items: { type: 'string' } } } }] },
    },
    'Articles',
  ],
  // Bitbucket: the child's own `type` enum leaves out the value the mapping gives it.
  [
    'a child whose enum leaves out its mapped value',
    {
      object: {
        type: 'object',
        required: ['type'],
        properties: { type: { type: 'string' } },
        discriminator: { propertyName: 'type', mapping: { pipeline_selector: '#/components/schemas/pipeline_selector' } },
      },
      pipeline_selector: {
        allOf: [{ $ref: '#/components/schemas/object' }, { type: 'object', properties: { type: { type: 'string', enum: ['branches', 'tags'] } } }],
      },
    },
    'pipeline_selector',
  ],
])('keeps %s from becoming never', (_, defs, child) => {
  const source = schemas(defs);
  const start = source.indexOf(`${child}: `);
  const declaration = source.slice(start, source.indexOf('};', start));
  expect(declaration).toContain('Omit<');
  // The value the child would get (its name, or its mapping key), as a literal type.
  expect(declaration).not.toContain(`"${child}"`);
});

it('still adds the discriminator value to a child that agrees with it', () => {
  const source = schemas({
    Pet: { type: 'object', required: ['petType'], properties: { petType: { type: 'string' } }, discriminator: { propertyName: 'petType' } },
    Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'object', properties: { lives: { type: 'integer' } } }] },
  });
  expect(source).toMatch(/Cat: [^;]*petType: "Cat";/s);
});

it('escapes a bidirectional character in a literal and leaves it out of a comment', () => {
  // Left out of the literal, the type would no longer be the value the spec gives.
  const source = schemas({ Kind: { type: 'string', description: 'Reads \u202ebackwards', enum: ['a\u202eb', "it's\u2066"] } });
  expect(source).toContain('"a\\u202eb"');
  expect(source).toContain('"it\'s\\u2066"');
  expect(source).toContain('Reads backwards');
  expect(source).not.toMatch(/[\u202e\u2066]/);
});
