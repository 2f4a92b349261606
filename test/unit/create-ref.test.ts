/**
 * The `createRef` the CLI bundle gives openapi-typescript returns what openapi-typescript's own
 * returns, or throws where it throws: on the pointer shapes the transform builds, on the quirky ones
 * (a lone `~`, percent escapes, empty segments, a second `#/`), and on generated parts. And the
 * bundle (built by the tests' global setup) holds it in place of the original.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createRef as original } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { createRef } from '../../generator/pipeline/create-ref.js';

type Outcome = { value: string } | { error: string };

function outcome(make: (parts: unknown[]) => string, parts: unknown[]): Outcome {
  try {
    return { value: make(parts) };
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

  it('is the one the CLI bundle holds', () => {
    const dist = path.resolve(import.meta.dirname, '../../dist');
    const code = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(dist, f), 'utf8'))
      .join('\n');
    expect(code).toContain('function unchangedByRoundTrip(');
    // The original's body, which esbuild drops once nothing calls it.
    expect(code).not.toContain('const maybeRef =');
  });
});
