/**
 * Hostile shapes of document: nested hundreds of levels deep, a long chain of references, each
 * schema referencing the next, and a YAML alias bomb in a referenced file. Each ends quickly with a
 * located problem (never `Maximum call stack size exceeded`, never gigabytes of memory), and a
 * document nested right up to the limit still generates. Run through the real CLI, whose stack is
 * the one users have. And documents of a few kilobytes whose schemas fan out layer by layer, which a
 * walk along every path through them turns into exponential work.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../generator/json.js';
import { buildApi } from '../generator/model/build-api.js';
import { MAX_EXAMPLE_VALUES } from '../generator/model/build-examples.js';
import { findTooDeep, MAX_NESTING } from '../generator/pipeline/nesting.js';
import { scanRefs } from '../generator/pipeline/scan-refs.js';
import { layeredSpec } from '../scripts/hostile-layers.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/tokenkit.js');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-depth-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stderr: string;
  ms: number;
}

/** `tokenkit generate --spec FILE` with a small heap: a run that expands a bomb dies instead of swapping. */
async function generate(file: string): Promise<Outcome> {
  const started = performance.now();
  const args = ['--max-old-space-size=512', BIN, 'generate', '--spec', file, '--out', path.join(path.dirname(file), 'out')];
  try {
    await run(process.execPath, args, { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stderr: '', ms: performance.now() - started };
  } catch (err) {
    const e = err as { code: number | null; stderr: string; signal?: string };
    return { code: e.code ?? -1, stderr: `${e.stderr}${e.signal ? ` killed by ${e.signal}` : ''}`, ms: performance.now() - started };
  }
}

function document(schemas: Record<string, unknown>): Record<string, unknown> {
  const content = { 'application/json': { schema: { $ref: '#/components/schemas/Root' } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Deep', version: '1' },
    paths: { '/things': { get: { operationId: 'getThing', responses: { '200': { description: 'ok', content } } } } },
    components: { schemas },
  };
}

/** Schema shapes that each add levels of nesting in their own way. */
const shapes: Record<string, (levels: number) => Record<string, unknown>> = {
  properties: (n) => {
    let s: unknown = { type: 'string' };
    for (let i = 0; i < n; i++) s = { type: 'object', properties: { a: s } };
    return document({ Root: s });
  },
  additionalProperties: (n) => {
    let s: unknown = { type: 'string' };
    for (let i = 0; i < n; i++) s = { type: 'object', additionalProperties: s };
    return document({ Root: s });
  },
  allOf: (n) => {
    let s: unknown = { type: 'string' };
    for (let i = 0; i < n; i++) s = { allOf: [s, { description: `level ${i}` }] };
    return document({ Root: s });
  },
  'a schema referencing the next': (n) => {
    const schemas: Record<string, unknown> = { Root: { $ref: '#/components/schemas/S0' } };
    for (let i = 0; i < n; i++) schemas[`S${i}`] = { type: 'object', properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } };
    schemas[`S${n}`] = { type: 'string' };
    return document(schemas);
  },
  'a chain of references': (n) => {
    const schemas: Record<string, unknown> = { Root: { $ref: '#/components/schemas/S0' } };
    for (let i = 0; i < n; i++) schemas[`S${i}`] = { $ref: `#/components/schemas/S${i + 1}` };
    schemas[`S${n}`] = { type: 'string' };
    return document(schemas);
  },
};

async function writeSpec(name: string, doc: unknown): Promise<string> {
  const dir = path.join(work, name.replace(/\W+/g, '-'));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'api.json');
  await writeFile(file, JSON.stringify(doc, null, 1));
  return file;
}

describe('deep documents', () => {
  for (const [name, make] of Object.entries(shapes)) {
    it(`${name}, 600 levels: a located problem, quickly`, async () => {
      const file = await writeSpec(`${name}-600`, make(600));
      const r = await generate(file);
      expect(r.stderr).not.toContain('Maximum call stack');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/api\.json:\d+:\d+ {2}#\/components\/schemas\/\S+ {2}\[too-deep\] nests more than 400 levels/);
      expect(r.ms).toBeLessThan(20_000);
    });

    it(`${name}, as deep as the limit allows: generates`, async () => {
      let levels = 1;
      while (findTooDeep(make(levels + 1)) === undefined) levels++;
      const file = await writeSpec(`${name}-limit`, make(levels));
      const r = await generate(file);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  }
});

it('a referenced file that nests too deep: one too-deep problem, in that file, at its deepest node', async () => {
  const dir = path.join(work, 'deep-external');
  await mkdir(dir, { recursive: true });
  let deep: unknown = { type: 'string' };
  for (let i = 0; i < 450; i++) deep = { type: 'object', properties: { p: deep } };
  await writeFile(path.join(dir, 'deep.json'), JSON.stringify({ Deep: deep }));
  const doc = document({ Root: { $ref: './deep.json#/Deep' } });
  const file = path.join(dir, 'api.json');
  await writeFile(file, JSON.stringify(doc, null, 1));
  const r = await generate(file);
  expect(r.code).toBe(1);
  const lines = r.stderr.split('\n').filter((l) => l.includes('  #'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/deep\.json:\d+:\d+ {2}#\/Deep\/properties\/p\/\S+ {2}\[too-deep\] nests more than 400 levels deep/);
  // The pointer is where the problem is; the message is a sentence, not kilobytes of pointer.
  expect(lines[0]?.split('[too-deep]')[1]?.length).toBeLessThan(120);
});

describe('findTooDeep', () => {
  it('names the node one level past the limit', () => {
    // The root is level 1, `c` level 5.
    expect(findTooDeep({ a: { b: [{ c: {} }] } }, 5)).toBeUndefined();
    expect(findTooDeep({ a: { b: [{ c: {} }] } }, 4)).toEqual({ pointer: '/a/b/0/c' });
    expect(findTooDeep({ a: { b: [{ c: {} }] } }, 3)).toEqual({ pointer: '/a/b/0' });
    expect(findTooDeep({ 'x/y': { '~': {} } }, 2)).toEqual({ pointer: '/x~1y/~0' });
  });

  it('counts through references, and stops going round a recursive schema', () => {
    const doc = { s: { A: { properties: { b: { $ref: '#/s/B' } } }, B: { properties: { a: { $ref: '#/s/A' } } } }, root: { $ref: '#/s/A' } };
    // From /s/A: B through the reference, A again through B's, then the reference to B (being measured) adds nothing.
    expect(findTooDeep(doc, 11)).toBeUndefined();
    expect(findTooDeep(doc, 10)).toEqual({ pointer: '/s/A/properties/b' });
    expect(findTooDeep({ deep: { a: { b: { c: {} } } }, root: { $ref: '#/deep' } }, 5)).toEqual({ pointer: '/deep/a/b/c' });
  });

  it('measures a schema referenced from many places once: 2^60 paths in milliseconds', () => {
    const schemas: Record<string, unknown> = { L0: { type: 'string' } };
    for (let i = 1; i <= 60; i++) schemas[`L${i}`] = { anyOf: [{ $ref: `#/L${i - 1}` }, { $ref: `#/L${i - 1}` }] };
    const started = performance.now();
    expect(findTooDeep(schemas, MAX_NESTING)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('reference chains', () => {
  it('finds cycles in linear time: a chain of 20,000 references', () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) schemas[`S${i}`] = { $ref: `#/components/schemas/S${i + 1}` };
    schemas.S20000 = { $ref: '#/components/schemas/S19990' };
    const started = performance.now();
    const { cycles } = scanRefs({ components: { schemas } });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(cycles).toHaveLength(20_001);
  });
});

describe('YAML alias bomb in a referenced file', () => {
  it('is refused with the limit the root file has, located in that file', async () => {
    const dir = path.join(work, 'bomb');
    await mkdir(dir, { recursive: true });
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${'abcdefghi'.charAt(i)}: &${'abcdefghi'.charAt(i)} [${Array(10)
          .fill(`*${'abcdefghi'.charAt(i - 1)}`)
          .join(',')}]`,
      );
    await writeFile(path.join(dir, 'bomb.yaml'), `${levels.join('\n')}\nThing:\n  type: array\n  example: *i\n`);
    const root = [
      'openapi: 3.1.0',
      'info: {title: Bomb, version: "1"}',
      'paths:',
      '  /things:',
      '    get:',
      '      operationId: listThings',
      '      responses:',
      "        '200':",
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema:',
      "                $ref: './bomb.yaml#/Thing'",
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'api.yaml'), root);
    const r = await generate(path.join(dir, 'api.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bomb\.yaml:\d+:\d+ {2}# {2}\[unresolved-ref\] Failed to parse: invalid YAML: Excessive alias count/);
    expect(r.stderr).toMatch(/api\.yaml:13:17 {2}#\/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema {2}\[unresolved-ref\]/);
    expect(r.ms).toBeLessThan(20_000);
  });
});

/** The document with each schema's `allOf` counting its reads: how many times a walk goes through a schema's parts. */
function countingAllOf(doc: Record<string, unknown>): { document: OpenApiDocument; reads: () => number } {
  let reads = 0;
  const { schemas } = doc.components as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(schemas)) {
    const parts = schema.allOf;
    if (parts === undefined) continue;
    Object.defineProperty(schema, 'allOf', {
      enumerable: true,
      get: () => {
        reads++;
        return parts;
      },
    });
  }
  return { document: doc, reads: () => reads };
}

describe('schemas that fan out layer by layer', () => {
  it('each an allOf of every schema of the next layer: the model docs look at a schema once, not once per path', () => {
    // 11 layers of 3: 33 schemas, and 3^10 paths from a first-layer schema to a last-layer one.
    const { document, reads } = countingAllOf(layeredSpec('allOf', 3, 11));
    const api = buildApi({ document }, { name: 'layers', version: '1.0.0', generatorVersion: '0', specPath: 'layers.json' });
    // A model's table lists its own property and, through its parts, one from each of the eight layers of allOf it looks into.
    expect(api.modelDocs.find((m) => m.typeName === 'L0S0')?.properties.map((p) => p.name)).toEqual(Array.from({ length: 9 }, (_, layer) => `\`own${layer}\``));
    // Following each path read them over 100,000 times; looking at each schema once per level, about 3,000.
    expect(reads()).toBeLessThan(10_000);
  });

  it('each with required properties referring to the next layer: every example bounded, cut at one level', async () => {
    // 8 layers of 4: a first-layer example in full holds 4^7 objects; the README was 9 MB, each first-layer page 1.4 MB.
    const file = await writeSpec('layers-properties', layeredSpec('properties', 4, 8));
    const r = await generate(file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = path.join(path.dirname(file), 'out');
    expect((await stat(path.join(out, 'README.md'))).size).toBeLessThan(500_000);
    const examples = new Map<string, unknown>();
    for (const page of await readdir(path.join(out, 'docs', 'models'))) {
      const text = await readFile(path.join(out, 'docs', 'models', page), 'utf8');
      const json = /```json\n([^]*?)\n```/.exec(text)?.[1];
      examples.set(page.replace(/\.md$/, ''), JSON.parse(json ?? 'null'));
    }
    for (const example of examples.values()) expect(valueCount(example)).toBeLessThanOrEqual(MAX_EXAMPLE_VALUES);
    // Cut by level, not where the budget ran out: the last branch goes as deep as the first.
    const first = examples.get('L0S0') as Record<string, Record<string, unknown>>;
    expect(Object.keys(first)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(depthOf(first.p3)).toBe(depthOf(first.p0));
    // An example within the budget is the one it always was: in full, down to the last layer's scalar.
    const each = (value: unknown) => Object.fromEntries(['p0', 'p1', 'p2', 'p3'].map((p) => [p, value]));
    expect(examples.get('L5S0')).toEqual(each(each({ own7: 'example-own7' })));
  });
});

/** How many values a JSON value holds, itself included. */
function valueCount(value: unknown): number {
  return typeof value === 'object' && value !== null ? 1 + Object.values(value).reduce((n: number, v) => n + valueCount(v), 0) : 1;
}

/** How many levels of objects a JSON value nests. */
function depthOf(value: unknown): number {
  return typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
}
