/**
 * Overlay 1.0 semantics on plain documents: update merges recursively into objects and appends to
 * lists, remove deletes from the parent, actions run in order on the result of the one before, and
 * an overlay can never write to a prototype. Each case is given an overlay and the document it
 * should leave.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOverlay } from '../../generator/pipeline/apply-overlay.js';
import { readOverlay } from '../../generator/pipeline/overlay-document.js';
import { SpecError } from '../../generator/issues.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-apply-overlay-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let count = 0;
/** Applies an overlay holding `actions` (JSON) to a copy of `document` and returns the result. */
async function apply(document: unknown, actions: unknown[]): Promise<Record<string, unknown>> {
  const file = path.join(dir, `o${count++}.json`);
  await writeFile(file, JSON.stringify({ overlay: '1.0.0', info: { title: 't', version: '1' }, actions }));
  const doc = structuredClone(document) as Record<string, unknown>;
  applyOverlay(doc, await readOverlay(file), 'spec.yaml');
  return doc;
}

describe('update', () => {
  const cases: { name: string; document: unknown; actions: unknown[]; want: unknown }[] = [
    {
      name: 'merges an object recursively, keeping what the update does not name',
      document: { info: { title: 'A', version: '1', contact: { name: 'n', url: 'u' } } },
      actions: [{ target: '$.info', update: { title: 'B', contact: { email: 'e' } } }],
      want: { info: { title: 'B', version: '1', contact: { name: 'n', url: 'u', email: 'e' } } },
    },
    {
      name: 'replaces a value of another kind (a string by a list)',
      document: { s: { type: 'string' } },
      actions: [{ target: '$.s', update: { type: ['string', 'null'] } }],
      want: { s: { type: ['string', 'null'] } },
    },
    {
      name: 'appends an entry to a selected list',
      document: { tags: [{ name: 'a' }] },
      actions: [{ target: '$.tags', update: { name: 'b' } }],
      want: { tags: [{ name: 'a' }, { name: 'b' }] },
    },
    {
      name: "appends a list's entries to a selected list, and concatenates lists inside a merge",
      document: { tags: ['a'], op: { parameters: [1] } },
      actions: [
        { target: '$.tags', update: ['b', 'c'] },
        { target: '$.op', update: { parameters: [2] } },
      ],
      want: { tags: ['a', 'b', 'c'], op: { parameters: [1, 2] } },
    },
    {
      name: 'applies to every node a wildcard selects, each its own copy',
      document: { paths: { '/a': { get: {} }, '/b': { get: {} } } },
      actions: [{ target: '$.paths.*.get', update: { 'x-safe': { on: true } } }],
      want: { paths: { '/a': { get: { 'x-safe': { on: true } } }, '/b': { get: { 'x-safe': { on: true } } } } },
    },
    {
      name: 'selects with a filter',
      document: {
        params: [
          { name: 'a', in: 'query' },
          { name: 'b', in: 'header' },
        ],
      },
      actions: [{ target: "$.params[?@.in == 'query']", update: { required: true } }],
      want: {
        params: [
          { name: 'a', in: 'query', required: true },
          { name: 'b', in: 'header' },
        ],
      },
    },
  ];
  for (const c of cases) it(c.name, async () => expect(await apply(c.document, c.actions)).toEqual(c.want));

  it('gives each matched node its own copy of the update', async () => {
    const doc = await apply({ a: {}, b: {} }, [{ target: '$[*]', update: { x: { n: 1 } } }]);
    expect(doc.a).not.toBe(doc.b);
    expect((doc.a as { x: unknown }).x).not.toBe((doc.b as { x: unknown }).x);
  });
});

describe('remove', () => {
  it('deletes a matched key from its object', async () => {
    expect(await apply({ paths: { '/a': {}, '/b': {} } }, [{ target: "$.paths['/a']", remove: true }])).toEqual({ paths: { '/b': {} } });
  });

  it('deletes every matched list entry, however many, without shifting the others', async () => {
    const doc = await apply({ p: [{ n: 'keep1' }, { n: 'x' }, { n: 'keep2' }, { n: 'x' }, { n: 'x' }] }, [{ target: "$.p[?@.n == 'x']", remove: true }]);
    expect(doc).toEqual({ p: [{ n: 'keep1' }, { n: 'keep2' }] });
  });
});

describe('order', () => {
  it('runs each action on the result of the one before: remove, then re-create', async () => {
    const doc = await apply({ info: { title: 'A', description: 'old' } }, [
      { target: '$.info.description', remove: true },
      { target: '$.info', update: { description: 'new' } },
      { target: '$.info', update: { title: 'B' } },
    ]);
    expect(doc).toEqual({ info: { title: 'B', description: 'new' } });
  });

  it('an action can target what an earlier action added', async () => {
    const doc = await apply({ paths: {} }, [
      { target: '$.paths', update: { '/new': {} } },
      { target: "$.paths['/new']", update: { get: { operationId: 'x' } } },
    ]);
    expect(doc).toEqual({ paths: { '/new': { get: { operationId: 'x' } } } });
  });
});

describe('untrusted overlays', () => {
  it('__proto__ and constructor in an update are keys, never a prototype', async () => {
    const file = path.join(dir, 'proto.json');
    // Written as text: JSON.parse keeps `__proto__` as an own key, as a hostile file would.
    await writeFile(
      file,
      '{"overlay":"1.0.0","info":{"title":"t","version":"1"},"actions":[{"target":"$.info","update":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}]}',
    );
    const doc: Record<string, unknown> = { info: { title: 'A' } };
    applyOverlay(doc, await readOverlay(file), 'spec.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    const info = doc.info as Record<string, unknown>;
    expect(Object.getPrototypeOf(info)).toBe(Object.prototype);
    expect(Object.keys(info)).toEqual(['title', '__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(info, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('an update aimed at a string is a located problem, not a silent no-op', async () => {
    const err = await apply({ info: { title: 'A' } }, [{ target: '$.info.title', update: 'B' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpecError);
    expect((err as SpecError).issues[0]).toMatchObject({ code: 'overlay-target', pointer: '/actions/0/target' });
  });

  it('an object target with a non-object update is refused at the update', async () => {
    const err = await apply({ info: { title: 'A' } }, [{ target: '$.info', update: 'B' }]).catch((e: unknown) => e);
    expect((err as SpecError).issues[0]).toMatchObject({ code: 'overlay-target', pointer: '/actions/0/update' });
  });

  it('the whole document cannot be removed', async () => {
    const err = await apply({ a: 1 }, [{ target: '$', remove: true }]).catch((e: unknown) => e);
    expect((err as SpecError).issues[0]).toMatchObject({ code: 'overlay-target' });
  });

  it('bounds what an overlay may add: a large update aimed at many nodes is refused', async () => {
    const many = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, {}]));
    const big = Object.fromEntries(Array.from({ length: 1_500 }, (_, i) => [`p${i}`, i]));
    const err = await apply(many, [{ target: '$.*', update: big }]).catch((e: unknown) => e);
    expect((err as SpecError).issues[0]).toMatchObject({ code: 'overlay-too-large', pointer: '/actions/0' });
  });
});

describe('match() and search() in a target', () => {
  // A value that is not a string (a number, an object, or nothing at all) is neither matched nor searched (RFC 9535, 2.4.6-2.4.7).
  const document = {
    params: [
      { $ref: '#/components/parameters/per-page' },
      { name: 'per_page' },
      { $ref: 7 },
      { $ref: { nested: 'per-page' } },
      { name: 'owner' },
      { $ref: '#/components/parameters/page' },
    ],
  };
  const marked = async (target: string) => {
    const doc = await apply(document, [{ target, update: { 'x-hit': true } }]);
    return (doc.params as Record<string, unknown>[]).map((p) => p['x-hit'] === true);
  };

  it('selects by search() on strings only', async () => {
    expect(await marked("$.params[?search(@['$ref'], 'per-page$') || @.name == 'per_page']")).toEqual([true, true, false, false, false, false]);
  });

  it('selects by match() on strings only, and by its negation everything else', async () => {
    expect(await marked("$.params[?match(@['$ref'], '#/components/parameters/pa.e')]")).toEqual([false, false, false, false, false, true]);
    expect(await marked("$.params[?!match(@['$ref'], '.*page')]")).toEqual([false, true, true, true, true, false]);
  });
});
