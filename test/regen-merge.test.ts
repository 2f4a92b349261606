/**
 * Hand edits survive regeneration: an edit far from a spec change merges cleanly, one on the same
 * lines conflicts (markers written, listed, exit 1), files of the user's stay, `src/custom/` is
 * exported, and the base of a merge is found again in a fresh clone, from git's object store and
 * from the package's own store.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTokenkit } from './helpers/run-cli.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const RESOURCE = 'generated/quay/src/resources/app-specific-tokens.ts';
const REVOKE = 'summary: Revoke an app-specific token';

let work = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-merge-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args], { cwd });

/** A project of its own (git repository, quay spec, committed generated package) under `name`. */
async function project(name: string): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(path.join(dir, 'specs'), { recursive: true });
  await cp(path.join(root, 'specs/quay.yaml'), path.join(dir, 'specs/quay.yaml'));
  await writeFile(path.join(dir, 'package.json'), '{"name":"p","private":true}\n');
  await git(dir, 'init', '-q');
  expect((await runTokenkit(['generate'], dir)).code).toBe(0);
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-qm', 'generated');
  return dir;
}

const read = (dir: string, rel: string) => readFile(path.join(dir, rel), 'utf8');
async function editSpec(dir: string, from: string, to: string): Promise<void> {
  const spec = await read(dir, 'specs/quay.yaml');
  expect(spec).toContain(from);
  await writeFile(path.join(dir, 'specs/quay.yaml'), spec.replace(from, to));
}
async function editFile(dir: string, rel: string, edit: (text: string) => string): Promise<void> {
  const before = await read(dir, rel);
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(path.join(dir, rel), after);
}

describe('a generated file the user edited', () => {
  it('merges cleanly with a spec change far from the edit, in a fresh clone too, and the merge after it', async () => {
    const origin = await project('origin');
    await editFile(origin, RESOURCE, (text) => text.replace('\nimport type', '\n// Reviewed by the platform team.\nimport type'));
    await writeFile(path.join(origin, 'generated/quay/src/helpers.ts'), 'export const mine = 1;\n');
    await git(origin, 'add', '-A');
    await git(origin, 'commit', '-qm', 'hand edits');

    // A fresh clone has only what was committed: the base is the generated blob in git's history.
    const clone = path.join(work, 'clone');
    await run('git', ['clone', '-q', origin, clone]);
    await editSpec(clone, REVOKE, 'summary: Revoke (delete) an app-specific token');
    const r = await runTokenkit(['generate'], clone);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  merged    ${RESOURCE}  (your edits kept)`);
    const merged = await read(clone, RESOURCE);
    expect(merged).toContain('// Reviewed by the platform team.\n');
    expect(merged).toContain('* Revoke (delete) an app-specific token');
    expect(merged).not.toContain('<<<<<<<');
    // A file of the user's inside the package stays.
    expect(await read(clone, 'generated/quay/src/helpers.ts')).toBe('export const mine = 1;\n');
    // --check: the merged file is a hand edit, not stale.
    const check = await runTokenkit(['generate', '--check'], clone);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`edited    ${RESOURCE}`);

    // What tokenkit generated this time is not the committed file (that is the merge); the package's
    // store, .tokenkit/base/, committed with it, keeps it, so a clone of this state merges the next change too.
    await git(clone, 'add', '-A');
    await git(clone, 'commit', '-qm', 'regenerated');
    const second = path.join(work, 'second-clone');
    await run('git', ['clone', '-q', clone, second]);
    await editSpec(second, 'summary: Revoke (delete) an app-specific token', 'summary: Revoke (delete for good) an app-specific token');
    const again = await runTokenkit(['generate'], second);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`  merged    ${RESOURCE}`);
    const mergedAgain = await read(second, RESOURCE);
    expect(mergedAgain).toContain('// Reviewed by the platform team.\n');
    expect(mergedAgain).toContain('* Revoke (delete for good) an app-specific token');

    // --force discards the edit: the file is what tokenkit generates, and the store is gone.
    const forced = await runTokenkit(['generate', '--force'], second);
    expect(forced.code).toBe(0);
    expect(await read(second, RESOURCE)).not.toContain('Reviewed by the platform team');
    await expect(readFile(path.join(second, 'generated/quay/.tokenkit/base', RESOURCE.slice('generated/quay/'.length)))).rejects.toThrow();
    expect((await runTokenkit(['generate', '--check'], second)).stdout).not.toContain('edited');
    expect(await read(second, 'generated/quay/src/helpers.ts')).toBe('export const mine = 1;\n');
  }, 120_000);

  it('conflicts on the same lines: markers written, the file listed, exit 1; --check and publish refuse it', async () => {
    const dir = await project('conflict');
    await editFile(dir, RESOURCE, (text) => text.replace('   * Revoke an app-specific token', '   * Revokes a token for good (our wording)'));
    await editSpec(dir, REVOKE, 'summary: Revoke (delete) an app-specific token');
    const r = await runTokenkit(['generate'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`  conflict  ${RESOURCE}`);
    expect(r.stderr).toContain('1 file you edited conflicts with the new output');
    expect(r.stderr).toContain(`  ${RESOURCE}`);
    const text = await read(dir, RESOURCE);
    expect(text).toMatch(
      /^<{7} yours\n {3}\* Revokes a token for good \(our wording\)\n={7}\n {3}\* Revoke \(delete\) an app-specific token\n>{7} generated now$/m,
    );
    // The rest of the new output is written.
    expect(await read(dir, 'generated/quay/docs/AppSpecificTokensApi.md')).toContain('Revoke (delete) an app-specific token');
    const check = await runTokenkit(['generate', '--check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`conflict  ${RESOURCE}`);
    expect(check.stderr).toContain('unresolved conflict markers; resolve them');
    // Generating again resolves nothing: the conflict is told again, and the file keeps its markers.
    const again = await runTokenkit(['generate'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`  conflict  ${RESOURCE}`);
    expect(await read(dir, RESOURCE)).toBe(text);
    const publish = await runTokenkit(['publish', '--dry-run', '--registry', 'http://127.0.0.1:9/'], dir, { npm_config_fetch_retries: '0' });
    expect(publish.code).toBe(1);
    expect(publish.stderr).toContain('still hold merge conflict markers');
    // Resolved by hand: kept as the user's edit from then on.
    await editFile(dir, RESOURCE, (t) => t.replace(/<{7} yours\n([^\n]*\n)={7}\n[^\n]*\n>{7} generated now\n/, '$1'));
    expect((await runTokenkit(['generate'], dir)).code).toBe(0);
    expect(await read(dir, RESOURCE)).toContain('   * Revokes a token for good (our wording)\n');
    expect((await runTokenkit(['generate', '--check'], dir)).code).toBe(0);
  }, 120_000);

  it('refuses, changing nothing, when the base is nowhere to be found', async () => {
    const dir = path.join(work, 'no-git');
    await mkdir(path.join(dir, 'specs'), { recursive: true });
    await cp(path.join(root, 'specs/quay.yaml'), path.join(dir, 'specs/quay.yaml'));
    expect((await runTokenkit(['generate'], dir)).code).toBe(0);
    await editFile(dir, RESOURCE, (text) => `${text}// mine\n`);
    await editSpec(dir, REVOKE, 'summary: Revoke (delete) an app-specific token');
    const before = await read(dir, 'generated/quay/.tokenkit.json');
    const r = await runTokenkit(['generate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot be merged with the new output; nothing was changed');
    expect(r.stderr).toContain('pass --force to discard your edits');
    expect(await read(dir, 'generated/quay/.tokenkit.json')).toBe(before);
    expect(await read(dir, RESOURCE)).toMatch(/\/\/ mine\n$/);
  }, 60_000);
});

describe('a generated file the user edited that the package no longer has', () => {
  it("stays where it is, as the user's own, and is named; an unedited one goes", async () => {
    const dir = await project('leaving');
    await editFile(dir, RESOURCE, (text) => `${text}\nexport const helper = 42;\n`);
    const spec = await read(dir, 'specs/quay.yaml');
    await writeFile(path.join(dir, 'specs/quay.yaml'), spec.replaceAll('tags: [appSpecificTokens]', 'tags: [tokens]'));
    const r = await runTokenkit(['generate'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`kept      ${path.dirname(path.dirname(path.dirname(RESOURCE)))}/src/resources/app-specific-tokens.ts  (no longer generated`);
    expect(await read(dir, RESOURCE)).toContain('export const helper = 42;');
    await expect(read(dir, 'generated/quay/src/resources/tokens.ts')).resolves.toContain('listAppTokens');
    // The unedited docs page of the old tag is removed as usual.
    await expect(read(dir, 'generated/quay/docs/AppSpecificTokensApi.md')).rejects.toThrow('ENOENT');
    // It is no file of tokenkit's now: the package checks clean with it there, and it is kept again.
    expect((await runTokenkit(['generate', '--check'], dir)).code).toBe(0);
    expect((await runTokenkit(['generate'], dir)).code).toBe(0);
    expect(await read(dir, RESOURCE)).toContain('export const helper = 42;');
  }, 60_000);
});

describe('src/custom/', () => {
  it('is never touched and is exported from the package index when it has an index.ts', async () => {
    const dir = await project('custom');
    const custom = path.join(dir, 'generated/quay/src/custom/index.ts');
    await mkdir(path.dirname(custom), { recursive: true });
    await writeFile(custom, 'export const custom = 1;\n');
    expect((await runTokenkit(['generate'], dir)).code).toBe(0);
    expect(await read(dir, 'generated/quay/src/index.ts')).toContain("\nexport * from './custom/index.js';\n");
    expect(await readFile(custom, 'utf8')).toBe('export const custom = 1;\n');
    expect((await runTokenkit(['generate', '--check'], dir)).code).toBe(0);
    // Removed again: so is the export.
    await rm(path.dirname(custom), { recursive: true });
    expect((await runTokenkit(['generate'], dir)).code).toBe(0);
    expect(await read(dir, 'generated/quay/src/index.ts')).not.toContain('custom');
  }, 60_000);
});
