/**
 * OpenAPI Overlays through every command: a vendor's spec kept byte for byte with tokenkit's
 * additions in an overlay, the overlay beside a spec in specs/ applied automatically, problems
 * located in the overlay file with nothing written, and the overlay versioning the package like a
 * spec change.
 */
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../generator/commands/diff.js';
import { generate } from '../generator/commands/generate.js';
import { lint } from '../generator/commands/lint.js';
import { watchAndGenerate } from '../generator/commands/watch.js';
import { DriftError } from '../generator/errors.js';
import { SpecError, type SpecIssue } from '../generator/issues.js';
import { readSpec } from '../generator/pipeline/read-spec.js';
import { sha256 } from '../generator/pipeline/write.js';
import { runTokenkit } from './helpers/run-cli.js';

const fixture = (name: string) => path.resolve(import.meta.dirname, 'fixtures/overlays', name);
const rel = (file: string) => path.relative(process.cwd(), file);
const VENDOR = fixture('vendor.yaml');
const ADDITIONS = fixture('vendor.tokenkit.yaml');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-overlay-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function issuesOf(run: Promise<unknown>): Promise<SpecIssue[]> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof SpecError)) throw new Error(`expected a SpecError, got ${String(err)}`);
  return err.issues;
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('generate --spec S --overlay O', () => {
  it("renames the package, declares pagination and drops an operation, leaving the vendor's file as it was", async () => {
    const before = await readFile(VENDOR, 'utf8');
    const out = path.join(work, 'widgets');
    await generate({ spec: VENDOR, out, root: work, load: { overlays: [ADDITIONS] }, log: () => {} });
    expect(await readFile(VENDOR, 'utf8')).toBe(before);
    expect(await readJson(path.join(out, 'package.json'))).toMatchObject({ name: '@acme/widgets' });
    const client = await readFile(path.join(out, 'src/client.ts'), 'utf8');
    expect(client).toContain('export class WidgetsClient');
    const resource = await readFile(path.join(out, 'src/resources/widgets.ts'), 'utf8');
    expect(resource).toContain('listWidgetsAll(');
    expect(resource).toContain('getWidget(');
    expect(resource).not.toContain('deleteWidget');
    // Models are declared by name in models.ts; schema.ts refers to them.
    const models = await readFile(path.join(out, 'src/models.ts'), 'utf8');
    expect(models).toMatch(/size\?: number/);
    expect(models).toMatch(/colour\?: string \| null/);
    const manifest = await readJson(path.join(out, '.tokenkit.json'));
    expect(manifest.overlays).toEqual([{ path: 'vendor.tokenkit.yaml', sha256: sha256(await readFile(ADDITIONS, 'utf8')) }]);
  });

  it('--overlay needs --spec, and --help says what it does', async () => {
    const usage = await runTokenkit(['generate', '--overlay', ADDITIONS], work);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--overlay needs --spec');
    const help = await runTokenkit(['generate', '--help'], work);
    expect(help.stdout).toMatch(/--overlay[\s\S]*OpenAPI Overlay 1\.0/);
  });

  it('--overlay is repeatable and applied in order', async () => {
    const second = path.join(work, 'second.overlay.json');
    await writeFile(
      second,
      JSON.stringify({
        overlay: '1.0.0',
        info: { title: 'After the first', version: '1' },
        actions: [{ target: '$.x-tokenkit', update: { client: 'RenamedAgainClient' } }],
      }),
    );
    const spec = await readSpec(VENDOR, { load: { overlays: [ADDITIONS, second] } });
    expect(spec.document['x-tokenkit']).toEqual({ package: '@acme/widgets', client: 'RenamedAgainClient' });
    // The other way round, the second overlay's target does not exist yet.
    const issues = await issuesOf(readSpec(VENDOR, { load: { overlays: [second, ADDITIONS] } }));
    expect(issues).toMatchObject([{ code: 'overlay-no-match', file: second, pointer: '/actions/0/target' }]);
  });
});

describe('problems are located in the overlay file, and nothing is written', () => {
  it('an action whose target matches nothing: exit 1, the overlay file, line and action, the package untouched', async () => {
    const out = path.join(work, 'untouched');
    const result = await runTokenkit(['generate', '--spec', VENDOR, '--overlay', fixture('no-match.overlay.yaml'), '--out', out], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${fixture('no-match.overlay.yaml')}:9:13  #/actions/1/target  [overlay-no-match] the target "$.paths['/gadgets'].get" matches nothing in ${path.relative(work, VENDOR)}`,
    );
    expect(result.stderr).toContain('nothing was written');
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an overlay with invalid actions: every one located at its action', async () => {
    const file = fixture('invalid-actions.overlay.yaml');
    const issues = await issuesOf(readSpec(VENDOR, { load: { overlays: [rel(file)] } }));
    expect(issues.map((i) => [i.code, i.pointer, i.line])).toEqual([
      ['overlay-struct', '/actions/0', 6],
      ['overlay-struct', '/actions/1', 8],
      ['overlay-struct', '/actions/2', 12],
      ['overlay-jsonpath', '/actions/3/target', 14],
      ['overlay-struct', '/actions/4/replace', 18],
    ]);
    expect(issues.every((i) => i.file === rel(file))).toBe(true);
    expect(issues[0]?.message).toMatch(/no "target"/);
    expect(issues[1]?.message).toMatch(/both "update" and "remove: true"/);
    expect(issues[2]?.message).toMatch(/neither "update" nor "remove: true"/);
    expect(issues[3]?.message).toMatch(/is not RFC 9535 JSONPath/);
  });

  it('a problem in what an overlay wrote is located in the overlay, at the value it wrote', async () => {
    const file = path.join(work, 'wrong-pagination.overlay.yaml');
    await writeFile(
      file,
      [
        'overlay: 1.0.0',
        'info: {title: t, version: "1"}',
        'actions:',
        "  - target: $.paths['/widgets'].get",
        '    update:',
        '      x-tokenkit-pagination:',
        '        style: offset',
        '        offsetParam: start',
        '        items: items',
        '',
      ].join('\n'),
    );
    const issues = await issuesOf(readSpec(VENDOR, { load: { overlays: [file] } }));
    expect(issues).toMatchObject([{ file, pointer: '/paths/~1widgets/get/x-tokenkit-pagination/offsetParam', line: 8, column: 22 }]);
  });

  it('an overlay without its version or actions', async () => {
    const issues = await issuesOf(readSpec(VENDOR, { load: { overlays: [fixture('missing-fields.overlay.yaml')] } }));
    expect(issues.map((i) => [i.code, i.pointer, i.message])).toEqual([
      ['overlay-struct', '', expect.stringContaining('no "overlay" field')],
      ['overlay-struct', '', expect.stringContaining('no "actions" list')],
    ]);
  });

  it('an overlay that removes the spec’s version is what the problem names', async () => {
    const file = path.join(work, 'remove-all.overlay.yaml');
    await writeFile(file, 'overlay: 1.0.0\ninfo: {title: t, version: "1"}\nactions:\n  - target: $.*\n    remove: true\n');
    const issues = await issuesOf(readSpec(VENDOR, { load: { overlays: [file] } }));
    expect(issues).toMatchObject([{ code: 'version', file, pointer: '/actions' }]);
    expect(issues[0]?.message).toContain('leave the document without a supported version');
  });

  it('an overlay version other than 1.0.x', async () => {
    const issues = await issuesOf(readSpec(VENDOR, { load: { overlays: [fixture('bad-version.overlay.yaml')] } }));
    expect(issues).toMatchObject([{ code: 'overlay-version', pointer: '/overlay', line: 1 }]);
  });

  it('an overlay that is not valid YAML, or holds a key twice', async () => {
    const file = fixture('bad-yaml.overlay.yaml');
    expect(await issuesOf(readSpec(VENDOR, { load: { overlays: [file] } }))).toMatchObject([{ code: 'parse', file, line: 8 }, { code: 'parse' }]);
    const twice = path.join(work, 'twice.overlay.yaml');
    await writeFile(twice, 'overlay: 1.0.0\ninfo: {title: t, version: "1"}\nactions: []\nactions: []\n');
    expect(await issuesOf(readSpec(VENDOR, { load: { overlays: [twice] } }))).toMatchObject([{ code: 'parse', file: twice, line: 4 }]);
  });

  it('an overlay whose aliases expand without bound', async () => {
    const bomb = path.join(work, 'bomb.overlay.yaml');
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    await writeFile(bomb, `overlay: 1.0.0\ninfo: {title: t, version: "1"}\n${levels.join('\n')}\nactions:\n  - target: $.info\n    update: {v: *h}\n`);
    expect(await issuesOf(readSpec(VENDOR, { load: { overlays: [bomb] } }))).toMatchObject([{ code: 'parse', file: bomb }]);
  });
});

describe('generate --spec specs/S --overlay O', () => {
  it('notes that the overlay is not applied by the other commands, and where to put it so it is', async () => {
    const root = path.join(work, 'noted');
    await mkdir(path.join(root, 'specs'), { recursive: true });
    await cp(VENDOR, path.join(root, 'specs/widgets.yaml'));
    const lines: string[] = [];
    await generate({ spec: path.join(root, 'specs/widgets.yaml'), root, load: { overlays: [ADDITIONS] }, log: (l) => lines.push(l) });
    expect(lines.filter((l) => l.startsWith('note: '))).toEqual([
      'note: --overlay is not applied by `generate --check`, `--watch` or `diff` of the package; put the overlay beside the spec as specs/widgets.overlay.yaml so every command applies it',
    ]);
  });
});

describe('specs/<name>.overlay.yaml in a project', () => {
  let root: string;
  const overlayFile = () => path.join(root, 'specs/widgets.overlay.yaml');
  const manifest = () => readJson(path.join(root, 'generated/widgets/.tokenkit.json'));

  beforeAll(async () => {
    root = path.join(work, 'project');
    await mkdir(path.join(root, 'specs'), { recursive: true });
    await cp(VENDOR, path.join(root, 'specs/widgets.yaml'));
    await cp(ADDITIONS, overlayFile());
    await cp(VENDOR, path.join(root, 'specs/plain.yaml'));
    await generate({ root, log: () => {} });
  });

  it('is applied automatically and is not taken for a spec', async () => {
    expect(await readJson(path.join(root, 'generated/widgets/package.json'))).toMatchObject({ name: '@acme/widgets', version: '0.1.0' });
    await expect(stat(path.join(root, 'generated/widgets.overlay'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await manifest()).overlays).toEqual([{ path: 'specs/widgets.overlay.yaml', sha256: sha256(await readFile(overlayFile(), 'utf8')) }]);
    // A package without an overlay has no overlays field at all.
    expect(await readJson(path.join(root, 'generated/plain/.tokenkit.json'))).not.toHaveProperty('overlays');
  });

  it('an overlay change alone: --check reports the package stale, generation bumps it like a spec change, diff and lint see it', async () => {
    await generate({ root, check: true, log: () => {} });
    const text = await readFile(overlayFile(), 'utf8');
    await writeFile(
      overlayFile(),
      text.replace('      size:\n        type: integer', '      size:\n        type: integer\n      weight:\n        type: number'),
    );
    const lines: string[] = [];
    await expect(generate({ root, check: true, log: (l) => lines.push(l) })).rejects.toBeInstanceOf(DriftError);
    expect(lines).toContainEqual(expect.stringMatching(/^stale @acme\/widgets {2}generated\/widgets {2}\(\d+ files differ\)$/));
    expect(lines).toContain('  stale     generated/widgets/.tokenkit.json');
    expect(lines).toContain('  stale     generated/widgets/src/models.ts');

    const diff = await diffSpecs('widgets', undefined, root);
    expect(diff.bump).toBe('minor');
    expect(diff.changes.map((c) => c.message).join('\n')).toMatch(/weight/);

    const out: string[] = [];
    await generate({ root, log: (l) => out.push(l) });
    expect(out.join('\n')).toMatch(/wrote @acme\/widgets {2}generated\/widgets .*minor → 0\.2\.0/);
    expect((await manifest()).overlays).toEqual([{ path: 'specs/widgets.overlay.yaml', sha256: sha256(await readFile(overlayFile(), 'utf8')) }]);
    expect(await readFile(path.join(root, 'generated/widgets/CHANGELOG.md'), 'utf8')).toMatch(/## 0\.2\.0[\s\S]*weight/);
    await generate({ root, check: true, log: () => {} });
  });

  it('lint sees the overlaid document: a problem only the overlay makes is reported', async () => {
    const spec = path.join(root, 'specs/widgets.yaml');
    const missingParam = (l: string) => l.includes('path-parameters-defined') && l.includes('/things/{thingId}');
    const before: string[] = [];
    await lint([spec], (l) => before.push(l)).catch(() => undefined);
    expect(before.some(missingParam)).toBe(false);
    const extra = path.join(work, 'things.overlay.yaml');
    await writeFile(
      extra,
      "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths\n    update:\n      /things/{thingId}:\n        get:\n          operationId: getThing\n          responses: {'204': {description: none}}\n",
    );
    const after: string[] = [];
    await expect(lint([spec], (l) => after.push(l), { overlays: [extra] })).rejects.toBeInstanceOf(SpecError);
    expect(after.some(missingParam)).toBe(true);
    // What the overlay wrote is located in the overlay, at the value it wrote.
    expect(after.find(missingParam)).toMatch(new RegExp(`^error +${extra.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ `));
  });

  it('diff OLD NEW applies --overlay to both, and the overlay beside each spec to that spec', async () => {
    const both = await diffSpecs(VENDOR, VENDOR, root, { overlays: [ADDITIONS] });
    expect(both.changes).toEqual([]);
    // specs/widgets.yaml has its overlay beside it (deleteWidget removed, size and weight added); plain.yaml has none.
    const oneSided = await diffSpecs(path.join(root, 'specs/plain.yaml'), path.join(root, 'specs/widgets.yaml'), root);
    expect(oneSided.bump).toBe('major');
    expect(oneSided.changes.map((c) => c.message).join('\n')).toMatch(/deleteWidget|removed/);
  });

  it('two overlays beside one spec are refused', async () => {
    await writeFile(path.join(root, 'specs/widgets.overlay.json'), '{}');
    try {
      const issues = await issuesOf(readSpec(path.join(root, 'specs/widgets.yaml')));
      expect(issues).toMatchObject([{ code: 'overlay-ambiguous' }]);
    } finally {
      await rm(path.join(root, 'specs/widgets.overlay.json'));
    }
  });
});

it('generate --watch --spec regenerates when the overlay beside the spec is edited', async () => {
  const dir = path.join(work, 'watched');
  await mkdir(dir, { recursive: true });
  const spec = path.join(dir, 'widgets.yaml');
  await cp(VENDOR, spec);
  await cp(ADDITIONS, path.join(dir, 'widgets.overlay.yaml'));
  const out = path.join(dir, 'out');
  const controller = new AbortController();
  const lines: string[] = [];
  const watching = watchAndGenerate({ spec, out, root: dir, signal: controller.signal, log: (l) => lines.push(l) });
  try {
    for (let waited = 0; !lines.some((l) => l.startsWith('watching')); waited += 50) {
      if (waited > 30_000) throw new Error(lines.join('\n'));
      await new Promise((r) => setTimeout(r, 50));
    }
    const overlay = await readFile(path.join(dir, 'widgets.overlay.yaml'), 'utf8');
    await writeFile(path.join(dir, 'widgets.overlay.yaml'), overlay.replace('client: WidgetsClient', 'client: GadgetsClient'));
    for (
      let waited = 0;
      !lines.some((l) => l.startsWith('change in widgets.overlay.yaml')) || lines.filter((l) => l.startsWith('wrote')).length < 2;
      waited += 50
    ) {
      if (waited > 30_000) throw new Error(lines.join('\n'));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await readFile(path.join(out, 'src/client.ts'), 'utf8')).toContain('export class GadgetsClient');
  } finally {
    controller.abort();
    await watching;
  }
}, 90_000);
