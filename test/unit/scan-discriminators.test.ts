/**
 * The discriminator scan gives what openapi-typescript's own `scanDiscriminators` gives, and patches
 * the document the same way, byte for byte: both run on copies of the same documents and the results
 * and the documents after are compared as JSON text (so key order counts too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanDiscriminators as original, type OpenAPI3 } from 'openapi-typescript';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { scanDiscriminators } from '../../generator/pipeline/scan-discriminators.js';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

function doc(schemas: Record<string, unknown>, paths: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths, components: { schemas } };
}

const shapes: Record<string, Record<string, unknown>> = {
  'oneOf members named by their last pointer token, no mapping': doc({
    Pet: { type: 'object', discriminator: { propertyName: 'kind' }, oneOf: [ref('Cat'), ref('Dog'), ref('Cat')] },
    Cat: { type: 'object', properties: { kind: { type: 'string', description: 'what it is' } } },
    Dog: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
  }),
  'a mapping to allOf children, to object schemas, to missing and to non-object schemas': doc({
    Pet: {
      discriminator: {
        propertyName: 'petType',
        mapping: {
          cat: '#/components/schemas/Cat',
          kitty: '#/components/schemas/Cat',
          dog: '#/components/schemas/Dog',
          gone: '#/components/schemas/Gone',
          n: '#/components/schemas/Num',
          e: '',
        },
      },
      oneOf: [ref('Cat'), ref('Dog'), ref('Bird'), ref('Num')],
    },
    Cat: { allOf: [ref('Pet'), { type: 'object', properties: { lives: { type: 'integer' } } }] },
    Dog: { type: 'object', required: ['petType'], properties: {} },
    Bird: { type: 'object', required: ['wings'] },
    Num: { type: 'number' },
  }),
  'children inheriting through allOf, with the mapping naming them, and an inline discriminator in allOf': doc({
    Vehicle: { type: 'object', discriminator: { propertyName: 'kind', mapping: { motor: '#/components/schemas/Motor', car: '#/components/schemas/Car' } } },
    Motor: {
      allOf: [ref('Vehicle'), { type: 'object', properties: { engine: { type: 'string' } } }],
      discriminator: { propertyName: 'kind' },
      oneOf: [ref('Car')],
    },
    Car: { allOf: [ref('Motor'), { type: 'object', properties: { doors: { type: 'integer' } } }] },
    Truck: { allOf: [ref('Plain'), ref('Vehicle')] },
    Plane: { allOf: [{ type: 'object', discriminator: { propertyName: 'wing', mapping: { a: '#/x' } } }, ref('Vehicle')] },
    Plain: { type: 'object' },
    Odd: { allOf: [ref('Car'), ref('Vehicle')] },
  }),
  'discriminators inside paths, arrays and keys that need escaping': doc(
    {
      Base: {
        type: 'object',
        properties: { 'a/b~c': { type: 'string' } },
        discriminator: { propertyName: 'a/b~c', mapping: { x: '#/components/schemas/X~1Y' } },
      },
      'X/Y': { allOf: [ref('Base')] },
      Wrap: { type: 'array', items: [{ oneOf: [ref('Base')], discriminator: { propertyName: 't' } }] },
    },
    {
      '/pets/{id}': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { oneOf: [ref('Base'), ref('Wrap')], discriminator: { propertyName: 'kind', mapping: { w: '#/components/schemas/Wrap' } } },
                },
              },
            },
          },
        },
      },
    },
  ),
  // The mapping replaces Owner's `kind` property, an allOf child visited before: the second walk no longer meets it.
  'a patch that replaces a schema extending a discriminated one': doc({
    Owner: { type: 'object', properties: { kind: { allOf: [ref('Animal')] }, other: { allOf: [ref('Animal')] } } },
    Animal: { type: 'object', discriminator: { propertyName: 'kind', mapping: { owner: '#/components/schemas/Owner' } }, oneOf: [ref('Owner')] },
    Later: { type: 'object', properties: { kind: { allOf: [ref('Animal'), ref('Later')] } }, allOf: [ref('Animal')] },
    Loop: { discriminator: { propertyName: 'kind', mapping: { later: '#/components/schemas/Later/properties/kind' } }, oneOf: [ref('Later')] },
  }),
  'no discriminator anywhere': doc({ A: { allOf: [ref('B')] }, B: { type: 'object' }, C: { discriminator: {} } }),
};

const dirs = ['specs', 'test/fixtures/specs'];
const files = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => path.join(dir, f)),
);
for (const file of files) shapes[file] = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

it.each(Object.keys(shapes))('%s', (name) => {
  const json = JSON.stringify(shapes[name]);
  const theirs = JSON.parse(json) as OpenAPI3;
  const ours = JSON.parse(json) as OpenAPI3;
  const expected = original(theirs, { silent: true });
  const actual = scanDiscriminators(ours, { silent: true });
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  // Which entries are the document's own discriminator objects, and which are copies.
  const shared = (result: typeof expected): boolean[] => Object.values(result.objects).map((d, i, all) => all.indexOf(d) !== i);
  const owned = (result: typeof expected, document: OpenAPI3): boolean[] =>
    Object.keys(result.objects).map((pointer) => result.objects[pointer] === ownDiscriminator(document, pointer));
  expect(shared(actual)).toEqual(shared(expected));
  expect(owned(actual, ours)).toEqual(owned(expected, theirs));
});

function ownDiscriminator(document: unknown, pointer: string): unknown {
  let node = document as Record<string, unknown> | undefined;
  for (const token of pointer.split('/').slice(1)) node = node?.[token.replace(/~1/g, '/').replace(/~0/g, '~')] as Record<string, unknown> | undefined;
  return node?.discriminator;
}

it('finds discriminators in the fixtures, so the comparison above compares something', () => {
  const found = Object.keys(shapes).filter((name) => {
    const result = scanDiscriminators(JSON.parse(JSON.stringify(shapes[name])) as OpenAPI3, { silent: true });
    return result.refsHandled.length > 0;
  });
  expect(found.length).toBeGreaterThanOrEqual(5);
});
