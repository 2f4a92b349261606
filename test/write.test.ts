/** The write stage loses nothing: a failure part-way leaves the old output byte for byte, and two runs cannot interleave. */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockedError, OutputDirError } from '../generator/errors.js';
import { MANIFEST, PackageWriter, sha256, writePackage } from '../generator/pipeline/write.js';
import { readTree } from './helpers/tree.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-write-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A package as the pipeline hands it over: its files and a manifest listing them. */
function withManifest(entries: [string, string][]): Map<string, string> {
  const manifest = { generator: 'tokenkit', files: Object.fromEntries(entries.map(([rel, content]) => [rel, sha256(content)])) };
  return new Map([...entries, [MANIFEST, `${JSON.stringify(manifest)}\n`]]);
}

const files = (tag: string) => withManifest(Array.from({ length: 20 }, (_, i) => [`src/f${i}.ts`, `// ${tag} ${i}\n`]));

it('replaces the files tokenkit wrote with exactly the new ones, keeping the user’s dist/, node_modules/ and own files', async () => {
  const out = path.join(dir, 'pkg');
  await writePackage(out, files('one'));
  const user = { 'dist/index.js': 'built', 'node_modules/x/index.js': 'dep', 'src/mine.ts': 'the user’s', 'NOTES.md': 'notes' };
  for (const [rel, content] of Object.entries(user)) {
    await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
    await writeFile(path.join(out, rel), content);
  }
  const next = withManifest([['lib/a.ts', 'a']]);
  await writePackage(out, next);
  expect(await readTree(out)).toEqual({ ...Object.fromEntries(next), ...user });
  expect((await readdir(dir)).sort()).toEqual(['pkg']);
});

it('leaves a file whose bytes did not change untouched: same inode, same modification time', async () => {
  const out = path.join(dir, 'pkg');
  const first = files('same');
  await writePackage(out, first);
  const before = await stat(path.join(out, 'src/f0.ts'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  // One file edited by hand, one file of the package that changes: both are written, nothing else is.
  await writeFile(path.join(out, 'src/f1.ts'), 'edited by hand');
  const next = new Map(first);
  next.set('src/f2.ts', '// changed\n');
  await writePackage(out, withManifest([...next].filter(([rel]) => rel !== MANIFEST)));
  const after = await stat(path.join(out, 'src/f0.ts'));
  expect(after.ino).toBe(before.ino);
  expect(after.mtimeMs).toBe(before.mtimeMs);
  expect(await readFile(path.join(out, 'src/f1.ts'), 'utf8')).toBe('// same 1\n');
  expect(await readFile(path.join(out, 'src/f2.ts'), 'utf8')).toBe('// changed\n');
  expect((await readdir(dir)).sort()).toEqual(['pkg']);
});

it('a failure injected mid-write leaves the previous output byte-identical and no temporary files', async () => {
  const out = path.join(dir, 'pkg');
  await writePackage(out, files('old'));
  const before = await readTree(out);
  await expect(
    writePackage(out, files('new'), {
      afterFile: (rel) => {
        if (rel === 'src/f10.ts') throw new Error('disk full');
      },
    }),
  ).rejects.toThrow('disk full');
  expect(await readTree(out)).toEqual(before);
  expect(await readdir(dir)).toEqual(['pkg']);
  // The lock was released: the next run goes through.
  await writePackage(out, files('new'));
  expect((await readTree(out))['src/f0.ts']).toBe('// new 0\n');
});

describe('a package written in batches', () => {
  // Over the size from which a batch marked `background` goes to the writer thread.
  const large = () => new Map(Array.from({ length: 50 }, (_, i) => [`docs/models/M${i}.md`, `# M${i}\n${'x'.repeat(100_000)}\n`]));

  it('writes a large background batch in a worker and the rest here, then swaps them in together', async () => {
    const out = path.join(dir, 'pkg');
    await writePackage(out, files('old'));
    const writer = await PackageWriter.open(out);
    writer.add(large(), { background: true });
    writer.add(
      new Map([
        ['src/schema.ts', 'types'],
        ['.tokenkit.json', '{}'],
      ]),
    );
    // Nothing is visible before the commit.
    expect((await readTree(out))['src/f0.ts']).toBe('// old 0\n');
    await writer.commit();
    expect(await readTree(out)).toEqual({ ...Object.fromEntries(large()), 'src/schema.ts': 'types', '.tokenkit.json': '{}' });
    expect(await readdir(dir)).toEqual(['pkg']);
  });

  it('abandoned after a background batch (a later stage failed), it leaves the old output and no temporary files', async () => {
    const out = path.join(dir, 'pkg');
    await writePackage(out, files('old'));
    const before = await readTree(out);
    const writer = await PackageWriter.open(out);
    writer.add(large(), { background: true });
    await writer.abort();
    expect(await readTree(out)).toEqual(before);
    expect(await readdir(dir)).toEqual(['pkg']);
    await writePackage(out, files('new'));
  });

  it('a batch the worker cannot write fails the commit and loses nothing', async () => {
    const out = path.join(dir, 'pkg');
    await writePackage(out, files('old'));
    const before = await readTree(out);
    const writer = await PackageWriter.open(out);
    // A file where the next file needs a directory.
    writer.add(new Map([...large(), ['docs/models', 'not a directory']]), { background: true });
    await expect(writer.commit()).rejects.toMatchObject({
      name: 'WriteFailedError',
      cause: { message: expect.stringMatching(/EISDIR|ENOTDIR|EEXIST/), code: expect.stringMatching(/^E[A-Z]+$/), syscall: expect.any(String) },
    });
    expect(await readTree(out)).toEqual(before);
    expect(await readdir(dir)).toEqual(['pkg']);
  });
});

it('a run that finds the lock of a run that died removes that run’s staging and retired directories', async () => {
  const out = path.join(dir, 'pkg');
  await writePackage(out, files('old'));
  // What a run interrupted in the middle leaves: its lock, a half-written staging directory, a retired copy.
  const dead = 2 ** 22 + 12_345;
  await writeFile(`${out}.lock`, `${dead} 0123456789abcdef\n`);
  await mkdir(`${out}.tmp-${dead}-0a1b2c3d/src`, { recursive: true });
  await writeFile(`${out}.tmp-${dead}-0a1b2c3d/src/half.ts`, '// half');
  await mkdir(`${out}.old-${dead}-0a1b2c3d`);
  // Another live run's staging directory is not this run's to remove.
  await mkdir(`${out}.tmp-${process.pid}-ffff0000`);
  await writePackage(out, files('new'));
  expect((await readTree(out))['src/f0.ts']).toBe('// new 0\n');
  expect((await readdir(dir)).sort()).toEqual(['pkg', `pkg.tmp-${process.pid}-ffff0000`]);
});

it('two writes at once into one package: one is refused with LockedError, the tree is the other’s, whole', async () => {
  const out = path.join(dir, 'pkg');
  const results = await Promise.allSettled([writePackage(out, files('a')), writePackage(out, files('b'))]);
  const refused = results.filter((r) => r.status === 'rejected');
  expect(refused).toHaveLength(1);
  expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(LockedError);
  const written = await readTree(out);
  const winner = written['src/f0.ts']?.includes(' a ') ? 'a' : 'b';
  expect(written).toEqual(Object.fromEntries(files(winner)));
});

it('two CLI runs at once leave a complete, correct tree', async () => {
  const root = path.resolve(import.meta.dirname, '..');
  await cp(path.join(root, 'specs'), path.join(dir, 'specs'), { recursive: true });
  const run = promisify(execFile);
  // What one run alone writes from scratch (the committed tree may carry versions bumped since).
  const alone = path.join(dir, 'alone');
  await cp(path.join(root, 'specs'), path.join(alone, 'specs'), { recursive: true });
  await run(process.execPath, [path.join(root, 'bin/tokenkit.js'), 'generate'], { cwd: alone });
  const expected = await readTree(path.join(alone, 'generated'));
  const once = () =>
    run(process.execPath, [path.join(root, 'bin/tokenkit.js'), 'generate'], { cwd: dir }).then(
      () => 0,
      (e: { code: number; stderr: string }) => (e.stderr.includes('is being generated') ? e.code : -1),
    );
  const codes = await Promise.all([once(), once()]);
  expect(codes.every((c) => c === 0 || c === 1)).toBe(true);
  if (codes.includes(1)) await once();
  expect(await readTree(path.join(dir, 'generated'))).toEqual(expected);
}, 60_000);

describe('only tokenkit’s own files', () => {
  it('a manifest naming paths outside the package (tampered with) removes nothing outside it', async () => {
    const out = path.join(dir, 'pkg');
    await writePackage(out, files('old'));
    await writeFile(path.join(dir, 'victim.txt'), 'keep');
    const manifest = JSON.parse(await readFile(path.join(out, MANIFEST), 'utf8')) as { files: Record<string, string> };
    Object.assign(manifest.files, { '../victim.txt': '0', [path.join(dir, 'victim.txt')]: '0', 'src/../../victim.txt': '0' });
    await writeFile(path.join(out, MANIFEST), JSON.stringify(manifest));
    await writePackage(out, files('new'));
    expect(await readFile(path.join(dir, 'victim.txt'), 'utf8')).toBe('keep');
    expect(await readTree(out)).toEqual(Object.fromEntries(files('new')));
  });

  it('a file of the user’s where the package needs a directory is refused, even forced, and nothing changes', async () => {
    const out = path.join(dir, 'pkg');
    await writePackage(out, withManifest([['README.md', 'readme']]));
    await writeFile(path.join(out, 'src'), 'the user’s file named src');
    const before = await readTree(out);
    for (const force of [false, true]) {
      await expect(writePackage(out, files('new'), { force })).rejects.toThrow(
        new OutputDirError(`${out} has things of its own where the package needs room; nothing was changed\n  src\nMove them away, then run again.`),
      );
      expect(await readTree(out)).toEqual(before);
      expect(await readdir(dir)).toEqual(['pkg']);
    }
  });
});

it('a file the package had where it now needs a directory is replaced by that directory', async () => {
  const out = path.join(dir, 'pkg');
  await writePackage(out, withManifest([['docs/models', 'was a file']]));
  const next = withManifest([['docs/models/A.md', 'a']]);
  await writePackage(out, next);
  expect(await readTree(out)).toEqual(Object.fromEntries(next));
});
