/** Spec diffs: every rule classed as oasdiff and Optic class it, the bump it calls for, and regeneration that follows it. */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../generator/commands/diff.js';
import { classifyChanges } from '../generator/diff/classify.js';
import { applyBump, bumpFor } from '../generator/diff/semver.js';
import { snapshotModel } from '../generator/model/snapshot.js';
import { parse } from 'yaml';
import type { JsonObject } from '../generator/json.js';
import { readTree } from './helpers/tree.js';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join(root, 'test/fixtures/diff', name);

describe('spec pairs it has never seen', () => {
  it('a docs-only change is a patch', async () => {
    const r = await diffSpecs(fixture('base.yaml'), fixture('docs-only.yaml'));
    expect(r.bump).toBe('patch');
    expect(r.changes.every((c) => c.class === 'docs')).toBe(true);
    expect(r.changes.map((c) => c.rule)).toEqual(['operation-docs-changed', 'model-docs-changed']);
  });
  it('an additive change is a minor, naming the new operation', async () => {
    const r = await diffSpecs(fixture('base.yaml'), fixture('additive.yaml'));
    expect(r.bump).toBe('minor');
    expect(r.changes).toContainEqual(expect.objectContaining({ class: 'non-breaking', rule: 'operation-added', operation: 'getGadgetHistory' }));
    expect(r.changes).toContainEqual(expect.objectContaining({ class: 'non-breaking', rule: 'parameter-added', operation: 'listGadgets' }));
    expect(r.changes.some((c) => c.class === 'breaking')).toBe(false);
  });
  it('a breaking change is a major, naming each removal', async () => {
    const r = await diffSpecs(fixture('base.yaml'), fixture('breaking.yaml'));
    expect(r.bump).toBe('major');
    const rules = r.changes.map((c) => `${c.class} ${c.rule} ${c.operation ?? ''}`);
    expect(rules).toContain('breaking operation-removed deleteGadget');
    expect(rules).toContain('breaking parameter-became-required listGadgets');
    expect(rules).toContain('breaking response-property-removed getGadget');
    expect(rules).toContain('breaking enum-value-removed listGadgets');
  });
  it('an operation that moves to another resource, or loses its pagination, breaks the package', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-diff-surface-'));
    try {
      const base = await readFile(fixture('base.yaml'), 'utf8');
      const tagged = base.replace('      operationId: listGadgets\n', '      operationId: listGadgets\n      tags: [things]\n');
      const paged = tagged.replace(
        '      operationId: listGadgets\n',
        "      operationId: listGadgets\n      x-tokenkit-pagination: { style: offset, offsetParam: limit, limitParam: limit, items: '' }\n",
      );
      await writeFile(path.join(dir, 'tagged.yaml'), tagged);
      const moved = await diffSpecs(fixture('base.yaml'), path.join(dir, 'tagged.yaml'));
      expect(moved.bump).toBe('major');
      expect(moved.changes).toEqual([expect.objectContaining({ class: 'breaking', rule: 'operation-resource-changed', operation: 'listGadgets' })]);
      const surface = (a: string, b: string) =>
        classifyChanges(snapshotModel(parse(a) as JsonObject), snapshotModel(parse(b) as JsonObject)).map((c) => `${c.class} ${c.rule}`);
      expect(surface(paged, tagged)).toEqual(['breaking pagination-removed']);
      expect(surface(tagged, paged)).toEqual(['non-breaking pagination-added']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the same spec has no changes', async () => {
    expect(await diffSpecs(fixture('base.yaml'), fixture('base.yaml'))).toEqual({ changes: [], bump: 'none' });
  });
});

/** A one-operation document around the given pieces. */
function doc(op: Record<string, unknown>, schemas: Record<string, unknown> = {}, security?: unknown) {
  return snapshotModel({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { post: { operationId: 'op', responses: { '200': { description: 'ok' } }, ...op } } },
    components: { schemas, securitySchemes: { k: { type: 'apiKey', in: 'header', name: 'K' } } },
    ...(security ? { security } : {}),
  });
}
const body = (schema: unknown, required = true) => ({ requestBody: { required, content: { 'application/json': { schema } } } });
const reply = (schema: unknown) => ({ responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } });
const obj = (props: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties: props, required });

describe('documentation and headers', () => {
  const withHeaders = (headers: Record<string, unknown>) => ({ responses: { '200': { description: 'ok', headers } } });
  it('a response header removed is breaking, one added is not', () => {
    const rate = { 'X-RateLimit-Remaining': { schema: { type: 'integer' } } };
    expect(classifyChanges(doc(withHeaders(rate)), doc(withHeaders({}))).map((c) => [c.class, c.rule])).toEqual([['breaking', 'response-header-removed']]);
    expect(classifyChanges(doc(withHeaders({})), doc(withHeaders(rate))).map((c) => [c.class, c.rule])).toEqual([['non-breaking', 'response-header-added']]);
    // Names are case-insensitive.
    expect(
      classifyChanges(doc(withHeaders(rate)), doc(withHeaders({ 'x-ratelimit-remaining': { schema: { type: 'integer' } } }))).filter((c) => c.class !== 'docs'),
    ).toEqual([]);
  });
});

describe('allOf', () => {
  const flat = obj({ a: { type: 'string' }, b: { type: 'string' } }, ['a', 'b']);
  const split = { allOf: [{ $ref: '#/components/schemas/Base' }, obj({ b: { type: 'string' } }, ['b'])] };
  const base = { Base: obj({ a: { type: 'string' } }, ['a']) };
  it('a model split into a base and an extension is compared as the object it describes', () => {
    const changes = classifyChanges(doc(reply(flat)), doc(reply(split), base));
    expect(changes.filter((c) => c.class !== 'docs').map((c) => c.rule)).toEqual(['model-added']);
  });
  it('a property the extension makes required is seen', () => {
    const loose = { allOf: [{ $ref: '#/components/schemas/Base' }, obj({ b: { type: 'string' } })] };
    expect(classifyChanges(doc(reply(loose), base), doc(reply(split), base)).map((c) => c.rule)).toEqual(['property-requiredness-relaxed']);
  });
});

describe.each([
  [
    'request property became required',
    body(obj({ a: { type: 'string' } })),
    body(obj({ a: { type: 'string' } }, ['a'])),
    'breaking',
    'request-property-became-required',
  ],
  ['required request property added', body(obj({})), body(obj({ b: { type: 'string' } }, ['b'])), 'breaking', 'request-property-added-required'],
  ['optional request property added', body(obj({})), body(obj({ b: { type: 'string' } })), 'non-breaking', 'request-property-added'],
  [
    'response property became optional',
    reply(obj({ a: { type: 'string' } }, ['a'])),
    reply(obj({ a: { type: 'string' } })),
    'breaking',
    'response-property-became-optional',
  ],
  ['enum value added to a response', reply({ type: 'string', enum: ['a'] }), reply({ type: 'string', enum: ['a', 'b'] }), 'breaking', 'enum-value-added'],
  ['enum value added to a request', body({ type: 'string', enum: ['a'] }), body({ type: 'string', enum: ['a', 'b'] }), 'non-breaking', 'enum-value-added'],
  [
    'enum value removed from a response',
    reply({ type: 'string', enum: ['a', 'b'] }),
    reply({ type: 'string', enum: ['a'] }),
    'non-breaking',
    'enum-value-removed',
  ],
  [
    'parameter type changed',
    { parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }] },
    { parameters: [{ name: 'q', in: 'query', schema: { type: 'integer' } }] },
    'breaking',
    'type-changed',
  ],
  ['parameter removed', { parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }] }, {}, 'breaking', 'parameter-removed'],
  [
    'required parameter added',
    {},
    { parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }] },
    'breaking',
    'parameter-added-required',
  ],
  ['status code removed', { responses: { '200': { description: 'ok' }, '409': { description: 'c' } } }, {}, 'breaking', 'response-status-removed'],
  ['status code added', {}, { responses: { '200': { description: 'ok' }, '409': { description: 'c' } } }, 'non-breaking', 'response-status-added'],
  ['security changed', { security: [{ k: [] }] }, { security: [] }, 'breaking', 'security-changed'],
  ['response may become null', reply({ type: 'string' }), reply({ type: ['string', 'null'] }), 'breaking', 'became-nullable'],
])('%s', (_name, before, after, cls, rule) => {
  it(`is ${cls} (${rule})`, () => {
    const changes = classifyChanges(doc(before), doc(after));
    expect(changes).toContainEqual(expect.objectContaining({ class: cls, rule, operation: 'op' }));
  });
});

it('follows $refs into component schemas', () => {
  const ref = reply({ $ref: '#/components/schemas/M' });
  const changes = classifyChanges(doc(ref, { M: obj({ a: { type: 'string' } }) }), doc(ref, { M: obj({}) }));
  expect(changes).toContainEqual(expect.objectContaining({ class: 'breaking', rule: 'response-property-removed' }));
});

describe('semver', () => {
  it.each([
    ['1.4.2', 'major', '2.0.0'],
    ['1.4.2', 'minor', '1.5.0'],
    ['1.4.2', 'patch', '1.4.3'],
    ['0.3.1', 'major', '0.4.0'],
    ['0.3.1', 'minor', '0.4.0'],
    ['0.3.1', 'none', '0.3.1'],
  ] as const)('%s + %s → %s', (version, bump, expected) => {
    expect(applyBump(version, bump)).toBe(expected);
  });
  it('takes the strongest class', () => {
    expect(
      bumpFor([
        { class: 'docs', rule: 'x', message: '' },
        { class: 'non-breaking', rule: 'y', message: '' },
      ]),
    ).toBe('minor');
  });
});

describe('regeneration', () => {
  const run = promisify(execFile);
  let work = '';
  afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));
  const tokenkit = (...args: string[]) => run(process.execPath, [path.join(root, 'bin/tokenkit.js'), ...args], { cwd: work });
  const version = async () => (JSON.parse(await readFile(path.join(work, 'generated/quay/package.json'), 'utf8')) as { version: string }).version;

  it('bumps from the last release by the class of all changes since, one entry, and is stable when nothing changed', async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-regen-'));
    await cp(path.join(root, 'specs'), path.join(work, 'specs'), { recursive: true });
    await cp(path.join(root, 'generated'), path.join(work, 'generated'), { recursive: true });
    const spec = path.join(work, 'specs/quay.yaml');
    const original = await readFile(spec, 'utf8');
    const committed = await readTree(path.join(work, 'generated'));
    const atStart = await version();
    // Bumps count from the last release, which the manifest records (the package may have a pending version above it).
    const base = (JSON.parse(committed['quay/.tokenkit.json']!) as { released: { version: string } }).released.version;
    const releasedChangelog = committed['quay/CHANGELOG.md']!.slice(committed['quay/CHANGELOG.md']!.indexOf(`## ${base}\n`));
    const [minor, major] = [applyBump(base, 'minor'), applyBump(base, 'major')];

    const additive = original.replace(
      '          example: true\n',
      '          example: true\n        - name: title\n          in: query\n          required: false\n          description: Only tokens with this title.\n          schema:\n            type: string\n',
    );
    expect(additive).not.toBe(original);
    await writeFile(spec, additive);
    const first = await tokenkit('generate');
    expect(first.stdout).toContain('@tokenkit/quay  generated/quay');
    expect(first.stdout).toContain(`minor → ${minor}`);
    expect(await version()).toBe(minor);
    const changelog = await readFile(path.join(work, 'generated/quay/CHANGELOG.md'), 'utf8');
    expect(
      changelog.startsWith(`# Changelog\n\n## ${minor}\n\n### Additions\n\n- \`listAppTokens\`: optional query parameter \`title\` added\n\n## ${base}\n`),
    ).toBe(true);
    expect(await readFile(path.join(work, 'generated/quay/src/core.ts'), 'utf8')).toContain(`'@tokenkit/quay/${minor}'`);

    // Unreleased: the second edit is counted from the release too, and its entry replaces the first.
    const breaking = additive.replace(/ {4}delete:\n {6}operationId: revokeAppToken[\s\S]*?(?=\ncomponents:)/, '');
    expect(breaking).not.toBe(additive);
    await writeFile(spec, breaking);
    expect((await tokenkit('generate')).stdout).toContain(`major → ${major} (2 changes since ${base})`);
    expect(await version()).toBe(major);
    expect(await readFile(path.join(work, 'generated/quay/CHANGELOG.md'), 'utf8')).toBe(
      `# Changelog\n\n## ${major}\n\n### Breaking changes\n\n- \`revokeAppToken\`: operation (DELETE /api/v1/user/apptoken/{token_uuid}) removed\n\n` +
        `### Additions\n\n- \`listAppTokens\`: optional query parameter \`title\` added\n\n${releasedChangelog}`,
    );

    const before = await readTree(path.join(work, 'generated'));
    const again = await tokenkit('generate');
    expect(again.stdout).not.toContain('→');
    expect(await readTree(path.join(work, 'generated'))).toEqual(before);
    expect((await tokenkit('generate', '--check')).stdout).toContain('ok    @tokenkit/quay');

    const diff = await tokenkit('diff', 'quay');
    expect(diff.stdout).toContain('no changes → no version bump');

    // Comments and layout only: the same document, no new version, no changelog entry, the same files.
    const settled = await readTree(path.join(work, 'generated'));
    await writeFile(
      spec,
      `# A comment that changes nothing generated.\n${breaking.replace('summary: List app-specific tokens', "summary: 'List app-specific tokens'")}`,
    );
    expect((await tokenkit('generate')).stdout).not.toContain('→');
    const afterComment = await readTree(path.join(work, 'generated'));
    expect(Object.keys(afterComment).filter((rel) => afterComment[rel] !== settled[rel])).toEqual(['quay/.tokenkit.json']);
    expect((await tokenkit('diff', 'quay')).stdout).toContain('no changes → no version bump');

    // Every edit reverted: the released package again, byte for byte, with no bump and no entry.
    await writeFile(spec, original);
    expect((await tokenkit('generate')).stdout).toContain(`→ ${atStart}`);
    expect(await readTree(path.join(work, 'generated'))).toEqual(committed);

    // Released (as `tokenkit version` and `publish` record it), the next change counts from there.
    await writeFile(spec, breaking);
    await tokenkit('generate');
    expect((await tokenkit('version', 'quay', 'patch')).stdout).toContain(`${major} (pending) recorded as released`);
    const released = await readFile(path.join(work, 'generated/quay/CHANGELOG.md'), 'utf8');
    await writeFile(spec, breaking.replace('summary: App-specific tokens of Red Hat Quay.', 'summary: The app-specific tokens of Red Hat Quay.'));
    const docs = await tokenkit('generate');
    expect(docs.stdout).toContain(`patch → ${applyBump(major, 'patch')}`);
    expect(await readFile(path.join(work, 'generated/quay/CHANGELOG.md'), 'utf8')).toBe(
      `# Changelog\n\n## ${applyBump(major, 'patch')}\n\n### Documentation\n\n- the API description (title, description, contact, licence or terms) changed\n\n${released.slice('# Changelog\n\n'.length)}`,
    );
  }, 120_000);
});
