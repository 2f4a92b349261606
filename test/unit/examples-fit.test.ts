/**
 * Docs examples are compiled code: a value the spec gives is used only when it is one of the
 * schema's as the generated types see it, and a value built from the schema has every required
 * property, through `allOf`, unions and deep nesting.
 */
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../generator/json.js';
import {
  compiledExample,
  exampleFor,
  fitsSchema,
  MAX_CALL_EXAMPLE_VALUES,
  MAX_EXAMPLE_VALUES,
  RelativeTime,
  requestExample,
} from '../../generator/model/build-examples.js';
import { layeredSpec } from '../../scripts/hostile-layers.js';

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
  /** The Pair's leaf at the end of a chain's value, and how many levels down the Pair is. */
  const leafOf = (value: unknown): [number, unknown] => {
    let depth = 0;
    let node = value as Record<string, unknown>;
    while ('next' in node) {
      node = node.next as Record<string, unknown>;
      depth++;
    }
    return [depth, node.leaf];
  };
  const fresh = () =>
    ({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          Leaf: {
            type: 'object',
            required: ['name', 'tags'],
            properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, note: { type: 'string', example: 'n' } },
          },
          Pair: { type: 'object', required: ['leaf'], properties: { leaf: { $ref: '#/components/schemas/Leaf' } } },
          Node: { type: 'object', required: ['child', 'label'], properties: { label: { type: 'string' }, child: { $ref: '#/components/schemas/Node' } } },
        },
      },
    }) as unknown as OpenApiDocument;

  it('does not reuse a shallow value where the level limit shortens the schema', () => {
    const doc = fresh();
    const full = { name: 'example-name', tags: ['example-tags'], note: 'n' };
    // Pair holds a Leaf: built at the top, both levels are filled in.
    expect(exampleFor(doc, ref('Pair'), 'next')).toEqual({ leaf: full });
    // Twelve levels down, Pair's Leaf is past the limit, as it is without the shallow value first:
    // in its smallest form, its required properties alone, the array empty.
    expect(exampleFor(doc, chain(12, 'Pair'))).toEqual(exampleFor(fresh(), chain(12, 'Pair')));
    expect(leafOf(exampleFor(doc, chain(12, 'Pair')))).toEqual([12, { name: 'example-name', tags: [] }]);
    expect(leafOf(exampleFor(doc, chain(5, 'Pair')))).toEqual([5, full]);
  });

  it('does not keep a value cut short by recursion for a place where it is whole', () => {
    const doc = fresh();
    const first = exampleFor(doc, ref('Node'));
    expect(first).toEqual({ label: 'example-label' });
    expect(exampleFor(doc, { type: 'object', required: ['n'], properties: { n: ref('Node') } })).toEqual({ n: { label: 'example-label' } });
  });

  it('gives the same values as a walk with nothing remembered', () => {
    const doc = fresh();
    const schemas = [chain(3), ref('Node'), chain(11, 'Pair'), ref('Pair'), chain(12, 'Pair'), chain(1, 'Pair'), chain(12), chain(13), chain(14, 'Node')];
    const warm = schemas.map((s) => exampleFor(doc, s));
    const cold = schemas.map((s) => exampleFor(fresh(), s));
    expect(warm).toEqual(cold);
  });
});

describe('an example over the value budget', () => {
  const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', required, properties });
  const each = (keys: string[], schema: unknown) => Object.fromEntries(keys.map((key) => [key, schema]));
  const documentOf = (schemas: Record<string, unknown>) =>
    ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } }) as unknown as OpenApiDocument;

  /** The paths of required properties the value leaves out, walking the value and its schemas together. */
  const missing = (doc: OpenApiDocument, value: unknown, raw: unknown, at = '$'): string[] => {
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    const schema = (isRef(raw) ? schemas[raw.$ref.split('/').pop() ?? ''] : raw) as Record<string, unknown>;
    if (Array.isArray(value)) return value.flatMap((item, i) => missing(doc, item, schema.items, `${at}[${i}]`));
    if (typeof value !== 'object' || value === null) return [];
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    const record = value as Record<string, unknown>;
    return [
      ...((schema.required ?? []) as string[]).filter((key) => !(key in record)).map((key) => `${at}.${key}`),
      ...Object.entries(record).flatMap(([key, item]) => missing(doc, item, properties[key], `${at}.${key}`)),
    ];
  };
  const isRef = (raw: unknown): raw is { $ref: string } => typeof raw === 'object' && raw !== null && '$ref' in raw;
  const valueCount = (value: unknown): number =>
    typeof value === 'object' && value !== null ? 1 + Object.values(value).reduce((n: number, v) => n + valueCount(v), 0) : 1;

  it('keeps every required property, the objects past the level it fits at in their smallest form', () => {
    // 30 parts, each with a list of 80-property items: 2,500 values in full.
    const doc = documentOf({
      Root: object(each(names('part', 30), ref('Part'))),
      Part: object({ name: { type: 'string' }, items: { type: 'array', items: ref('Item') }, owner: ref('Owner'), note: { type: 'string', example: 'n' } }, [
        'name',
        'items',
        'owner',
      ]),
      Item: object(each(names('field', 80), { type: 'string' })),
      Owner: object({ address: object({ city: { type: 'string' } }), nickname: { type: 'string', example: 'o' } }, ['address']),
    });
    for (const value of [compiledExample(doc, ref('Root'), 'body'), exampleFor(doc, ref('Root'))]) {
      expect(missing(doc, value, ref('Root'))).toEqual([]);
      expect(valueCount(value)).toBeLessThanOrEqual(MAX_EXAMPLE_VALUES);
      // The parts in full; inside them, a list may be empty, and the owner has what it requires.
      expect((value as Record<string, unknown>).part29).toEqual({ name: 'example-name', items: [], owner: { address: { city: 'example-city' } }, note: 'n' });
    }
  });

  it('keeps every required property of a call whose smallest value is over the budget', () => {
    // 30 × 30 × 2 required properties: 2,700 values however it is built.
    const doc = documentOf({
      Root: object(each(names('a', 30), ref('Middle'))),
      Middle: object(each(names('b', 30), ref('Leaf'))),
      Leaf: object({ id: { type: 'integer' }, label: { type: 'string' } }),
    });
    const value = compiledExample(doc, ref('Root'), 'body');
    expect(missing(doc, value, ref('Root'))).toEqual([]);
    expect(valueCount(value)).toBeGreaterThan(MAX_EXAMPLE_VALUES);
    expect(valueCount(value)).toBeLessThanOrEqual(MAX_CALL_EXAMPLE_VALUES);
    // A model's JSON is shown, not compiled: it stays within the budget.
    expect(valueCount(exampleFor(doc, ref('Root')))).toBeLessThanOrEqual(MAX_EXAMPLE_VALUES);
  });

  it('does not let a large example of the spec crowd out required siblings', () => {
    const doc = documentOf({
      Root: object({ big: ref('Big'), other: ref('Other') }),
      Big: { type: 'array', items: { type: 'integer' }, example: Array.from({ length: 2_500 }, (_, i) => i) },
      Other: object({ inner: object({ id: { type: 'string' } }) }),
    });
    for (const value of [compiledExample(doc, ref('Root'), 'body'), exampleFor(doc, ref('Root'))]) {
      expect(value).toEqual({ big: [], other: { inner: { id: 'example-id' } } });
    }
  });

  it('takes the smallest form many levels down, and stops in a chain of required objects no spec needs', () => {
    const chain = (levels: number, end: unknown): unknown => {
      let schema = end;
      for (let i = 0; i < levels; i++) schema = object({ next: schema });
      return schema;
    };
    const levelsOf = (value: unknown): number => (typeof value === 'object' && value !== null && 'next' in value ? 1 + levelsOf(value.next) : 0);
    const deep = requestExample(document, chain(30, object({ at: { type: 'string', format: 'date-time' } })), 'body');
    expect(levelsOf(deep)).toBe(30);
    // A point in time is relative however deep it sits.
    let node = deep as Record<string, unknown>;
    while ('next' in node) node = node.next as Record<string, unknown>;
    expect(node.at).toBeInstanceOf(RelativeTime);
    expect(levelsOf(compiledExample(document, chain(1_000, { type: 'string' }), 'body'))).toBeLessThan(100);
  });

  it('stays bounded where every valid value is huge, and ends on a required cycle', () => {
    // 8 layers of 4 required references: the smallest valid value holds 4^7 objects.
    const layers = layeredSpec('properties', 4, 8) as unknown as OpenApiDocument;
    expect(valueCount(compiledExample(layers, ref('L0S0'), 'body'))).toBeLessThanOrEqual(MAX_EXAMPLE_VALUES);
    expect(valueCount(exampleFor(layers, ref('L0S0')))).toBeLessThanOrEqual(MAX_EXAMPLE_VALUES);
    // A value for a node that requires a node can only leave the inner one out.
    const doc = documentOf({ Node: object({ label: { type: 'string' }, next: ref('Node') }) });
    expect(compiledExample(doc, ref('Node'), 'node')).toEqual({ label: 'example-label' });
  });
});
