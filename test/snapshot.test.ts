/**
 * The committed generated/ tree is the snapshot: every spec is rendered in memory and each file must
 * equal the one on disk, with no file on disk that the generator would not write.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTargets, renderTarget } from '../generator/commands/generate.js';
import { checkPackage } from '../generator/pipeline/write.js';

const root = path.resolve(import.meta.dirname, '..');
const targets = await listTargets(root);

describe.each(targets.map((t) => [t.name, t] as const))('generated/%s', (_name, target) => {
  it('matches an in-memory render, file by file, with nothing stray', async () => {
    const pkg = await renderTarget(root, target);
    for (const [rel, content] of pkg.files) {
      await expect(content).toMatchFileSnapshot(path.join(target.outDir, rel));
    }
    const drift = await checkPackage(target.outDir, pkg.files);
    expect(drift.stray).toEqual([]);
  });
});

it('finds all three vendor specs', () => {
  expect(targets.map((t) => t.name)).toEqual(['ionos-container-registry', 'launchdarkly', 'quay']);
});
