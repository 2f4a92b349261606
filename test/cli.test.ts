/** The CLI as users run it: the real bin, real files, exit codes and messages. */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitBlobId } from '../generator/pipeline/blob-id.js';
import { typecheck } from './helpers/tsc.js';
import { readTree } from './helpers/tree.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/tokenkit.js');

async function tokenkit(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-cli-'));
  await cp(path.join(root, 'specs'), path.join(work, 'specs'), { recursive: true });
  await cp(path.join(root, 'generated'), path.join(work, 'generated'), { recursive: true });
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('usage', () => {
  it('prints help and exits 0', async () => {
    const r = await tokenkit(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tokenkit generate');
  });
  it('exits 2 on an unknown option', async () => {
    const r = await tokenkit(['generate', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown argument');
  });
  it('exits 2 on --out without --spec', async () => {
    expect((await tokenkit(['generate', '--out', 'x'])).code).toBe(2);
  });
});

describe('generate --check', () => {
  it('passes on the committed tree', async () => {
    const r = await tokenkit(['generate', '--check'], work);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  it('names an edited, a missing and a stray file and exits 1; a file of the user’s is neither drift nor removed', async () => {
    const pkg = path.join(work, 'generated/quay');
    await writeFile(path.join(pkg, 'src/client.ts'), '// edited\n');
    await rm(path.join(pkg, 'README.md'));
    // Stray: a file the manifest says tokenkit wrote, as it wrote it, which it no longer generates.
    await writeFile(path.join(pkg, 'src/extra.ts'), 'export {};\n');
    const manifest = JSON.parse(await readFile(path.join(pkg, '.tokenkit.json'), 'utf8')) as { files: Record<string, string> };
    manifest.files['src/extra.ts'] = gitBlobId('export {};\n');
    await writeFile(path.join(pkg, '.tokenkit.json'), JSON.stringify(manifest));
    await writeFile(path.join(pkg, 'NOTES.md'), 'the user’s own\n');
    const r = await tokenkit(['generate', '--check'], work);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('edited    generated/quay/src/client.ts');
    expect(r.stdout).toContain('missing   generated/quay/README.md');
    expect(r.stdout).toContain('stray     generated/quay/src/extra.ts');
    expect(r.stdout).not.toContain('NOTES.md');
    const fixed = await tokenkit(['generate'], work);
    expect(fixed.code).toBe(0);
    // A hand edit survives regeneration; --check tells it from a stale file, and passes.
    expect(await readFile(path.join(pkg, 'src/client.ts'), 'utf8')).toBe('// edited\n');
    const edited = await tokenkit(['generate', '--check'], work);
    expect(edited.stdout).toContain('ok    @tokenkit/quay  generated/quay  (1 file edited by hand, kept)');
    expect(edited.stdout).toContain('edited    generated/quay/src/client.ts');
    expect(edited.code).toBe(0);
    // --force discards the edit: the committed tree again, the user's own file still there.
    expect((await tokenkit(['generate', '--force'], work)).code).toBe(0);
    expect(await readTree(pkg)).toEqual({ ...(await readTree(path.join(root, 'generated/quay'))), 'NOTES.md': 'the user’s own\n' });
    await rm(path.join(pkg, 'NOTES.md'));
  });
});

describe('a broken spec', () => {
  it('prints located problems without a stack, exits 1 and leaves generated/ as it was', async () => {
    const before = await readTree(path.join(work, 'generated'));
    const spec = path.join(work, 'specs/quay.yaml');
    const original = await readFile(spec, 'utf8');
    await writeFile(spec, original.replace('operationId: getAppToken', 'operationId: listAppTokens'));
    // A valid change to a spec generated before the broken one: its package is not rewritten either.
    const earlier = path.join(work, 'specs/ionos-container-registry.yaml');
    const earlierOriginal = await readFile(earlier, 'utf8');
    await writeFile(earlier, earlierOriginal.replace(/^( {2}title: .*)$/m, '$1 (renamed)'));
    const r = await tokenkit(['generate'], work);
    await writeFile(spec, original);
    await writeFile(earlier, earlierOriginal);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('wrote');
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toMatch(
      /^specs\/quay\.yaml:\d+:\d+ {2}#\/paths\/~1api~1v1~1user~1apptoken~1\{token_uuid\}\/get\/operationId {2}\[duplicate-operation-id\]/m,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readTree(path.join(work, 'generated'))).toEqual(before);
  });
});

describe('generate --spec on a spec it has never seen', () => {
  it('writes a package that compiles in strict mode, with the same bytes twice', async () => {
    const out1 = path.join(work, 'unseen-1');
    const out2 = path.join(work, 'unseen-2');
    const spec = path.join(root, 'test/fixtures/specs/unseen.yaml');
    expect((await tokenkit(['generate', '--spec', spec, '--out', out1, '--name', '@acme/widgets'], work)).code).toBe(0);
    expect((await tokenkit(['generate', '--spec', spec, '--out', out2, '--name', '@acme/widgets'], work)).code).toBe(0);
    const first = await readTree(out1);
    expect(await readTree(out2)).toEqual(first);
    expect(JSON.parse(first['package.json'] ?? '{}')).toMatchObject({ name: '@acme/widgets' });
    // The package resolves openapi-fetch from the project, as it would from its own node_modules.
    await cp(out1, path.join(root, 'node_modules/.tokenkit-test-unseen'), { recursive: true });
    try {
      expect(await typecheck(path.join(root, 'node_modules/.tokenkit-test-unseen/tsconfig.json'))).toBe('');
    } finally {
      await rm(path.join(root, 'node_modules/.tokenkit-test-unseen'), { recursive: true, force: true });
    }
  });
});

describe('warnings', () => {
  it('are shown, the first five with their pointers, the rest counted', async () => {
    const spec = path.join(work, 'warned.yaml');
    const params = Array.from({ length: 7 }, (_, i) => `        - {name: p${i}, in: path, schema: {type: string}}`).join('\n');
    const route = Array.from({ length: 7 }, (_, i) => `{p${i}}`).join('/');
    await writeFile(
      spec,
      `openapi: 3.0.3\ninfo: {title: W, version: '1'}\npaths:\n  /${route}:\n    get:\n      operationId: getW\n      parameters:\n${params}\n      responses: {'204': {description: ok}}\n`,
    );
    const { code, stderr, stdout } = await tokenkit(['generate', '--spec', spec, '--out', path.join(work, 'warned'), '--name', '@acme/warned'], work);
    expect(code).toBe(0);
    const lines = `${stdout}${stderr}`.split('\n').filter((l) => /warning|#\/paths|more$/.test(l));
    expect(lines[0]).toBe('warning: 7 findings in warned.yaml did not stop generation; `--strict` lists every one with its line, and makes them fatal:');
    expect(lines.slice(1, 6).map((l) => /#(\S+)\s+\[(\S+)\]/.exec(l)?.slice(1))).toEqual(
      Array.from({ length: 5 }, (_, i) => [`/paths/~1${route.replace(/\//g, '~1')}/get/parameters/${i}`, 'path-parameter-not-required']),
    );
    expect(lines[6]).toBe('  … and 2 more');
  });
});
