/**
 * The committed generated/ tree is the snapshot: every spec is rendered in memory and the package on
 * disk must hold exactly those files with exactly those bytes. A missing, edited or stray file fails,
 * in any environment (a file snapshot would be written when missing, and the test pass).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTarget } from '../generator/commands/render-target.js';
import { listTargets } from '../generator/commands/targets.js';
import { readTree } from './helpers/tree.js';

const root = path.resolve(import.meta.dirname, '..');
const targets = await listTargets(root);

/** What a user's build and install put in a package: not the generator's, not compared. */
const NOT_GENERATED = ['dist', 'node_modules'];

describe.each(targets.map((t) => [t.name, t] as const))('generated/%s', (_name, target) => {
  it('holds exactly the files an in-memory render makes, byte for byte', async () => {
    const pkg = await renderTarget(root, target);
    const onDisk = await readTree(target.outDir, NOT_GENERATED);
    const posix = Object.fromEntries(Object.entries(onDisk).map(([rel, content]) => [rel.split(path.sep).join('/'), content]));
    expect(Object.keys(posix).sort(), 'missing or stray files').toEqual([...pkg.files.keys()].sort());
    for (const [rel, content] of pkg.files) expect(posix[rel], rel).toBe(content);
  });
});

it('finds all three vendor specs', () => {
  expect(targets.map((t) => t.name)).toEqual(['ionos-container-registry', 'launchdarkly', 'quay']);
});
