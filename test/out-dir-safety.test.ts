/**
 * `generate --out` never destroys what tokenkit did not write: through the real CLI, a directory it
 * does not own is refused (or, forced, only the package's own file names are written), a user's file
 * in a package survives regeneration, and a symbolic link is written through.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTree } from './helpers/tree.js';
import { runTokenkit, twoTagSpec } from './helpers/run-cli.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-out-'));
  await writeFile(path.join(dir, 'api.yaml'), twoTagSpec());
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A directory of the user's: a repository with sources and the spec itself. */
async function userProject(at: string): Promise<Record<string, string>> {
  const files = { '.git/HEAD': 'ref: refs/heads/main\n', 'src/main.ts': 'console.log(1);\n', 'README.md': '# mine\n', 'api.yaml': twoTagSpec() };
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(at, rel)), { recursive: true });
    await writeFile(path.join(at, rel), content);
  }
  return files;
}

const generate = (out: string, ...more: string[]) => runTokenkit(['generate', '--spec', path.join(dir, 'api.yaml'), '--out', out, ...more], dir);

describe('a directory tokenkit does not own', () => {
  it('is refused with exit 1 and left exactly as it was, with nothing beside it', async () => {
    const project = path.join(dir, 'project');
    const before = await userProject(project);
    const r = await generate(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`tokenkit: ${project} is not empty and tokenkit did not write it (it has no .tokenkit.json); nothing was changed`);
    expect(r.stderr).toContain('--force');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readTree(project)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['api.yaml', 'project']);
  });

  it('`--out .` in a repository is refused and deletes nothing, the spec included', async () => {
    const before = await readTree(dir);
    const r = await runTokenkit(['generate', '--spec', 'api.yaml', '--out', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not empty and tokenkit did not write it');
    expect(await readTree(dir)).toEqual(before);
  });

  it('`--out /` is refused before anything is touched', async () => {
    const before = (await readdir('/')).sort();
    const r = await generate('/', '--force');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to write a package into the root of the file system');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect((await readdir('/')).sort()).toEqual(before);
  });

  it('--force with --check is a usage error: --check writes nothing', async () => {
    const r = await runTokenkit(['generate', '--check', '--force'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force and --check do not go together');
  });

  it('with --force gets the package, and every file of the user’s stays', async () => {
    const project = path.join(dir, 'project');
    const mine = await userProject(project);
    const r = await generate(project, '--force');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const tree = await readTree(project);
    // The package's README replaced the user's one of the same name, as --force says; nothing else of theirs moved.
    const { 'README.md': _replaced, ...kept } = mine;
    expect(tree).toMatchObject(kept);
    expect(tree['README.md']).toContain('Two Tags');
    expect(tree['src/resources/alpha.ts']).toBeDefined();
  });
});

describe('a package tokenkit owns', () => {
  // Its version history is that package's: the other would carry it on (0.2.0, Quay's operations "removed").
  it('holding another package, is refused; --force replaces it, the new package at its first version', async () => {
    const out = path.join(dir, 'pkg');
    expect((await generate(out, '--name', '@x/first')).code).toBe(0);
    const before = await readTree(out);
    await writeFile(path.join(dir, 'api.yaml'), twoTagSpec({ withBeta: false }));
    const refused = await generate(out, '--name', '@x/second');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('holds the package @x/first, not @x/second; nothing was changed');
    expect(await readTree(out)).toEqual(before);
    const forced = await generate(out, '--name', '@x/second', '--force');
    expect(forced.code).toBe(0);
    const tree = await readTree(out);
    expect(JSON.parse(tree['.tokenkit.json'] ?? '{}')).toMatchObject({ packageName: '@x/second', version: '0.1.0' });
    expect(tree['CHANGELOG.md']).not.toContain('removed');
    expect(tree).not.toHaveProperty(['src/resources/beta.ts']);
  });

  it('keeps a user’s added files and removes only files its previous manifest lists', async () => {
    const out = path.join(dir, 'pkg');
    expect((await generate(out)).code).toBe(0);
    expect(await readTree(out)).toHaveProperty(['src/resources/beta.ts']);
    const mine = { 'src/extra.ts': 'export const mine = 1;\n', 'NOTES.md': 'notes\n', 'dist/index.js': 'built\n', 'node_modules/dep/index.js': 'dep\n' };
    for (const [rel, content] of Object.entries(mine)) {
      await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
      await writeFile(path.join(out, rel), content);
    }
    // The beta tag goes: its resource and docs were tokenkit's and go with it.
    await writeFile(path.join(dir, 'api.yaml'), twoTagSpec({ withBeta: false }));
    const r = await generate(out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const tree = await readTree(out);
    expect(tree).toMatchObject(mine);
    expect(tree).not.toHaveProperty(['src/resources/beta.ts']);
    expect(tree).not.toHaveProperty(['docs/BetaApi.md']);
    // Removing an operation is breaking: 0.1.0 becomes 0.2.0, from the previous manifest's version.
    expect(JSON.parse(tree['.tokenkit.json'] ?? '{}')).toMatchObject({ version: '0.2.0' });
    expect((await readdir(dir)).sort()).toEqual(['api.yaml', 'pkg']);
  });

  it('refuses to replace a user’s file at a new file name of the package, unless forced', async () => {
    const out = path.join(dir, 'pkg');
    await writeFile(path.join(dir, 'api.yaml'), twoTagSpec({ withBeta: false }));
    expect((await generate(out)).code).toBe(0);
    // The user wrote their own beta resource; the spec then gains a beta tag.
    await writeFile(path.join(out, 'src/resources/beta.ts'), '// mine\n');
    await writeFile(path.join(dir, 'api.yaml'), twoTagSpec());
    const before = await readTree(out);
    const r = await generate(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("has files tokenkit did not write where the package's files go; nothing was changed");
    expect(r.stderr).toContain('  src/resources/beta.ts');
    expect(await readTree(out)).toEqual(before);
    expect((await generate(out, '--force')).code).toBe(0);
    expect((await readTree(out))['src/resources/beta.ts']).not.toBe('// mine\n');
  });
});

describe('--out as a symbolic link', () => {
  it('writes the package through the link; the link stays a link and the target’s own files stay', async () => {
    const target = path.join(dir, 'target');
    const link = path.join(dir, 'link');
    expect((await generate(target)).code).toBe(0);
    await writeFile(path.join(target, 'mine.txt'), 'mine\n');
    await symlink(target, link);
    await writeFile(path.join(dir, 'api.yaml'), twoTagSpec({ withBeta: false }));
    const r = await generate(link);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    const tree = await readTree(target);
    expect(tree['mine.txt']).toBe('mine\n');
    expect(tree).not.toHaveProperty(['src/resources/beta.ts']);
    expect((await readdir(dir)).sort()).toEqual(['api.yaml', 'link', 'target']);
  });

  it('to nothing is refused', async () => {
    await symlink(path.join(dir, 'missing'), path.join(dir, 'link'));
    const r = await generate(path.join(dir, 'link'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a symbolic link to');
    expect((await readdir(dir)).sort()).toEqual(['api.yaml', 'link']);
  });
});

describe('operating-system failures through the CLI', () => {
  it('`--out` naming a file: a plain message, exit 1, the file untouched', async () => {
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'keep me\n');
    const r = await generate(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `tokenkit: ${file} is a file, not a directory; nothing was changed\nName a new or empty directory for the package (a missing one is created).\n`,
    );
    expect(await readFile(file, 'utf8')).toBe('keep me\n');
  });

  it('a name too long for the file system: what happened and what to do, no stack', async () => {
    const r = await generate(path.join(dir, 'x'.repeat(300)));
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^tokenkit: \w+ .*: a file name is too long for the file system \(ENAMETOOLONG\)$/);
    expect(lines[1]).toMatch(/^Choose a shorter output path\. Nothing in .* was changed\.$/);
    expect((await readdir(dir)).sort()).toEqual(['api.yaml']);
  });
});
