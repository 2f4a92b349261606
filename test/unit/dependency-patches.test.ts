/**
 * The replacements the CLI bundle gives its dependencies (bin/bundle.js) return what the originals
 * return, or throw where they throw: openapi-typescript's `createRef` on the pointer shapes the
 * transform builds, on the quirky ones (a lone `~`, percent escapes, empty segments, a second `#/`)
 * and on generated parts; Redocly's `Location.child` on keys and indexes of every kind. And the bundle
 * (built by the tests' global setup) holds them in place of the originals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Location } from '@redocly/openapi-core/lib/ref-utils.js';
import { createRef as original } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { createRef } from '../../generator/pipeline/create-ref.js';
import { childPointer } from '../../generator/pipeline/pointer-child.js';

type Outcome = { value: string } | { error: string };

function outcome<T>(make: (input: T) => string, input: T): Outcome {
  try {
    return { value: make(input) };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

const same = (parts: unknown[]): void => {
  expect(outcome(createRef, parts)).toEqual(outcome(original as (parts: unknown[]) => string, parts));
};

describe('createRef', () => {
  it.each([
    [['components', 'schemas', 'Pet']],
    [['#/components/schemas/Pet', 'properties']],
    [['#/paths/~1repos~1{owner}~1{repo}', 'get']],
    [['#/paths/~1a', 'parameters', 'query', 'per_page']],
    [['#/components/schemas/Pet/allOf', 0]],
    [['#/components/schemas/Pet', 'oneOf', '1']],
    [['#/a/b', 'x/y~z']],
    [['#/a~2b', 'c']],
    [['#/a~0~1~01~10', 'd']],
    [['#/a%20b', 'c']],
    [['#/a%E0%A4%A', 'c']],
    [['#/a//b', 'c']],
    [['#/a/', 'c']],
    [['#/', 'c']],
    [['#/a#/b', 'c']],
    [['file.yaml#/a/b', 'c']],
    [['x#/y', 'z']],
    [['#', 'a']],
    [[undefined, null, '', 'a']],
    [[true, 'a']],
    [[{}, 'a']],
    [['#/a', 12, 'b']],
  ])('agrees on %j', (parts) => same(parts));

  // Parts drawn from the characters the pointer syntax gives meaning to, so quirks come up often.
  const segment = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '1', '2', '~', '/', '#', '%', '4', '1', 'E', ' ', '{', '}'), maxLength: 8 });
  const pointer = fc.array(segment, { maxLength: 6 }).map((segments) => `#/${segments.join('/')}`);
  const part = fc.oneof(segment, pointer, fc.integer({ min: 0, max: 300 }), fc.constantFrom(undefined, null, ''));

  it('agrees on generated parts', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), (parts) => same(parts)),
      { numRuns: 5000, seed: 20261201 },
    );
  });
});

describe('Location.child', () => {
  const source = { absoluteRef: '/spec.yaml' } as ConstructorParameters<typeof Location>[0];
  const viaRedocly = ([pointer, components]: [string, unknown]): string =>
    new Location(source, pointer).child(components as string | number | (string | number)[]).pointer;
  const viaOurs = ([pointer, components]: [string, unknown]): string => childPointer(pointer, components as string | number | (string | number)[]);
  const agree = (pointer: string, components: unknown): void => {
    expect(outcome(viaOurs, [pointer, components])).toEqual(outcome(viaRedocly, [pointer, components]));
  };

  it.each([
    ['#/', ['paths']],
    ['#/paths', ['/repos/{owner}']],
    ['#/components/schemas', ['a~b']],
    ['#/a', [0]],
    ['#/a', 7],
    ['#/a', 'b'],
    ['#/a', 'b/c'],
    ['', ['x']],
    ['#/a/', ['x']],
    ['#/a', []],
    ['#/a', ['b', 'c/d', 2]],
    ['#/a', [undefined]],
    ['#/a', [true]],
    ['#/a', ['']],
  ])('agrees on %j %j', (pointer, components) => agree(pointer, components));

  const key = fc.oneof(fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', '#', ' '), maxLength: 6 }), fc.integer({ min: 0, max: 50 }));
  it('agrees on generated keys', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '#/', '#/a', '#/a/', '#/paths/~1x'), fc.oneof(key, fc.array(key, { maxLength: 3 })), (pointer, components) =>
        agree(pointer, components),
      ),
      { numRuns: 3000, seed: 20261201 },
    );
  });
});

describe('the CLI bundle', () => {
  it('holds the replacements, not the originals', () => {
    const dist = path.resolve(import.meta.dirname, '../../dist');
    const code = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(dist, f), 'utf8'))
      .join('\n');
    expect(code).toContain('function unchangedByRoundTrip(');
    // The original createRef's body, which esbuild drops once nothing calls it.
    expect(code).not.toContain('const maybeRef =');
    expect(code).toContain('function childPointer(');
    // The original Location.child's body; esbuild numbers the names it bundles (`escapePointer2`).
    expect(code).not.toMatch(/\(Array\.isArray\(components\) \? components : \[components\]\)\.map\(escapePointer\d*\)/);
  });
});
