/**
 * A swap's batch of renames fails only once every rename of the batch has settled: a rollback that
 * started while one was still in flight would miss the file it moved (the package's manifest, in the
 * case that was found) and lose it with the retired directory.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const slow = new Set<string>();
const failing = new Set<string>();
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      const name = path.basename(from);
      if (failing.has(name)) throw Object.assign(new Error(`EACCES: permission denied, rename '${from}'`), { code: 'EACCES' });
      if (slow.has(name)) await new Promise((resolve) => setTimeout(resolve, 100));
      return real.rename(from, to);
    },
  };
});

const { moveAll } = await import('../../generator/pipeline/swap.js');

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('moveAll', () => {
  it('rejects on a failed rename only after the other renames of its batch are done', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-moves-'));
    dirs.push(root);
    const from = path.join(root, 'pkg');
    const to = path.join(root, 'retired');
    await mkdir(from);
    for (const name of ['.tokenkit.json', 'a.ts', 'b.ts']) await writeFile(path.join(from, name), name);
    slow.add('.tokenkit.json');
    failing.add('a.ts');
    await expect(moveAll(from, to, ['.tokenkit.json', 'a.ts', 'b.ts'], 'retiring')).rejects.toThrow('EACCES');
    // Settled when the call failed: what moved is where a rollback will look for it.
    expect((await readdir(to)).sort()).toEqual(['.tokenkit.json', 'b.ts']);
    expect(await readdir(from)).toEqual(['a.ts']);
  });
});
