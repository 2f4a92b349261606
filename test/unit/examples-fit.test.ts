/**
 * Docs examples are compiled code: a value the spec gives is used only when it is one of the
 * schema's as the generated types see it, and a value built from the schema has every required
 * property, through `allOf`, unions and deep nesting.
 */
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../generator/json.js';
import { compiledExample, exampleFor, fitsSchema, requestExample } from '../../generator/model/build-examples.js';

const document = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      Id: { type: 'string', example: 42 },
      Base: { type: 'object', required: ['location'], properties: { location: { type: 'string' }, region: { type: 'string' } } },
      Thing: {
        type: 'object',
        allOf: [{ $ref: '#/components/schemas/Base' }],
        required: ['name', 'region', 'id'],
        properties: { name: { type: 'string' }, id: { allOf: [{ $ref: '#/components/schemas/Id' }, { description: 'The id.' }] } },
      },
      Closed: { type: 'object', properties: { a: { type: 'integer' } } },
      Open: { type: 'object', additionalProperties: true, properties: { a: { type: 'integer' } } },
      Disk: { type: 'integer', enum: ['0 (HDD)', '1 (SSD)'] },
      Either: { anyOf: [{ description: 'no type' }, { type: 'string' }] },
    },
  },
} as unknown as OpenApiDocument;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('fitsSchema', () => {
  it.each([
    ['a string for a string', 'x', { type: 'string' }, true],
    ['a number for a string', 42, { type: 'string' }, false],
    ['a fraction for an integer', 1.5, { type: 'integer' }, false],
    ['null where it is not nullable', null, { type: 'string' }, false],
    ['null where it is nullable', null, { type: 'string', nullable: true }, true],
    ['an enum value of the wrong declared type', '1 (SSD)', ref('Disk'), true],
    ['a number for that enum', 1, ref('Disk'), false],
    ['an object missing a required property', { name: 'n', region: 'r', id: 'i' }, ref('Thing'), false],
    ['an object with every required property through allOf', { name: 'n', region: 'r', id: 'i', location: 'l' }, ref('Thing'), true],
    ['a property the type does not declare', { a: 1, b: 2 }, ref('Closed'), false],
    ['a property an open type allows', { a: 1, b: 2 }, ref('Open'), true],
    ['an array of the wrong items', ['x'], { type: 'array', items: { type: 'integer' } }, false],
  ] as const)('%s', (_label, value, schema, fits) => {
    expect(fitsSchema(document, value, schema)).toBe(fits);
  });
});

describe('a built example', () => {
  it('has every required property of an allOf, its own and its parts’, and a wrapped scalar’s value', () => {
    expect(compiledExample(document, ref('Thing'), 'thing')).toEqual({
      name: 'example-name',
      region: 'example-region',
      id: 'example-id',
      location: 'example-location',
    });
    // A model's JSON shows the spec's own value, fitting or not.
    expect(exampleFor(document, ref('Thing'))).toMatchObject({ id: 42 });
  });

  it('gives a scalar whose allOf only annotates it its own type’s value', () => {
    const wrapped = { type: 'string', allOf: [{ description: 'A note.' }] };
    expect(compiledExample(document, { type: 'object', required: ['note'], properties: { note: wrapped } }, 'x')).toEqual({ note: 'example-note' });
  });

  it('takes the first variant that gives a value', () => {
    expect(compiledExample(document, ref('Either'), 'doc')).toBe('example-doc');
  });

  it('leaves out a given example that does not fit, and keeps one that does', () => {
    expect(requestExample(document, ref('Closed'), 'body', { value: { a: 'one' } })).toEqual({});
    expect(requestExample(document, ref('Closed'), 'body', { value: { a: 7 } })).toEqual({ a: 7 });
  });

  it('fills required scalars ten levels down', () => {
    let schema: Record<string, unknown> = { type: 'object', required: ['leaf'], properties: { leaf: { type: 'string' } } };
    for (let i = 0; i < 10; i++) schema = { type: 'object', required: ['next'], properties: { next: schema } };
    let value = compiledExample(document, schema, 'value') as Record<string, unknown>;
    for (let i = 0; i < 10; i++) value = value.next as Record<string, unknown>;
    expect(value).toEqual({ leaf: 'example-leaf' });
  });
});

describe('examples built once per schema', () => {
  // A chain of `levels` required objects, each the next, ending in the Leaf model.
  const chain = (levels: number, end = 'Leaf'): unknown => {
    let schema: unknown = ref(end);
    for (let i = 0; i < levels; i++) schema = { type: 'object', required: ['next'], properties: { next: schema } };
    return schema;
  };
  const depthOfLeaf = (value: unknown): number => {
    let depth = 0;
    let node = value as Record<string, unknown> | undefined;
    while (node !== undefined && 'next' in node) {
      node = node.next as Record<string, unknown> | undefined;
      depth++;
    }
    return node !== undefined && 'leaf' in node ? depth : -1;
  };
  const fresh = () =>
    ({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          Leaf: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
          Pair: { type: 'object', required: ['leaf'], properties: { leaf: { $ref: '#/components/schemas/Leaf' } } },
          Node: { type: 'object', required: ['child', 'label'], properties: { label: { type: 'string' }, child: { $ref: '#/components/schemas/Node' } } },
        },
      },
    }) as unknown as OpenApiDocument;

  it('does not reuse a shallow value where the level limit cuts the schema short', () => {
    const doc = fresh();
    // Pair holds a Leaf: built at the top, both levels are filled in.
    expect(exampleFor(doc, ref('Pair'), 'next')).toEqual({ leaf: { name: 'example-name' } });
    // Twelve levels down, Pair's Leaf is past the limit, as it is without the shallow value first.
    expect(exampleFor(doc, chain(12, 'Pair'))).toEqual(exampleFor(fresh(), chain(12, 'Pair')));
    expect(depthOfLeaf(exampleFor(doc, chain(12, 'Pair')))).toBe(-1);
    expect(depthOfLeaf(exampleFor(doc, chain(5, 'Pair')))).toBe(5);
  });

  it('does not keep a value cut short by recursion for a place where it is whole', () => {
    const doc = fresh();
    const first = exampleFor(doc, ref('Node'));
    expect(first).toEqual({ label: 'example-label' });
    expect(exampleFor(doc, { type: 'object', required: ['n'], properties: { n: ref('Node') } })).toEqual({ n: { label: 'example-label' } });
  });

  it('gives the same values as a walk with nothing remembered', () => {
    const doc = fresh();
    const schemas = [chain(3), ref('Node'), chain(11, 'Pair'), ref('Pair'), chain(12, 'Pair'), chain(1, 'Pair'), chain(12)];
    const warm = schemas.map((s) => exampleFor(doc, s));
    const cold = schemas.map((s) => exampleFor(fresh(), s));
    expect(warm).toEqual(cold);
  });
});
