/**
 * A run killed (SIGKILL) at any step of taking the lock or swapping the package in loses nothing: the
 * next run finds the old package whole (version, CHANGELOG, the user's dist/, node_modules/ and own
 * files), or, killed after the commit, the new one. The real CLI is killed by the test hook
 * `TOKENKIT_TEST_CRASH_AT` (generator/pipeline/crash-point.ts), which sends the process SIGKILL at a
 * named step.
 */
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from './helpers/tree.js';
import { runTokenkit, twoTagSpec } from './helpers/run-cli.js';

const OLD_SPEC = twoTagSpec();
// Dropping the beta tag removes files, rewrites others and bumps the version: every kind of change.
const NEW_SPEC = twoTagSpec({ withBeta: false });
const USER_FILES = { 'dist/index.js': 'built\n', 'node_modules/dep/index.js': 'dep\n', 'NOTES.md': 'my notes\n' };

let dir = '';
/** The project before the regeneration: the package at 0.1.0 with the user's files in it. */
let base = '';
let oldTree: Record<string, string> = {};
let newTree: Record<string, string> = {};

const generate = (project: string, env: NodeJS.ProcessEnv = {}) =>
  runTokenkit(['generate', '--spec', 'api.yaml', '--out', 'pkg', '--name', '@acme/two'], project, env);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-crash-'));
  base = path.join(dir, 'base');
  await mkdir(base);
  await writeFile(path.join(base, 'api.yaml'), OLD_SPEC);
  expect((await generate(base)).code).toBe(0);
  for (const [rel, content] of Object.entries(USER_FILES)) {
    await mkdir(path.dirname(path.join(base, 'pkg', rel)), { recursive: true });
    await writeFile(path.join(base, 'pkg', rel), content);
  }
  oldTree = await readTree(path.join(base, 'pkg'));
  const reference = path.join(dir, 'reference');
  await cp(base, reference, { recursive: true });
  await writeFile(path.join(reference, 'api.yaml'), NEW_SPEC);
  expect((await generate(reference)).code).toBe(0);
  newTree = await readTree(path.join(reference, 'pkg'));
  expect(JSON.parse(newTree['.tokenkit.json'] ?? '{}')).toMatchObject({ version: '0.2.0' });
  expect(newTree).toMatchObject(USER_FILES);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A copy of the base project, the spec already changed: the run about to be killed regenerates it. */
async function project(name: string): Promise<string> {
  const at = path.join(dir, name);
  await cp(base, at, { recursive: true });
  await writeFile(path.join(at, 'api.yaml'), NEW_SPEC);
  return at;
}

/** Kills a run at `point` and checks it really died there. */
async function killAt(at: string, point: string): Promise<void> {
  const r = await generate(at, { TOKENKIT_TEST_CRASH_AT: point });
  expect(r.signal, `the run did not reach ${point}: ${r.stderr}`).toBe('SIGKILL');
}

/** The next run with the old spec finds the old package whole: nothing to bump, every byte as before. */
async function expectOldPackageWhole(at: string): Promise<void> {
  await writeFile(path.join(at, 'api.yaml'), OLD_SPEC);
  const r = await generate(at);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(await readTree(path.join(at, 'pkg'))).toEqual(oldTree);
  // No staging or retired directory, lock or journal is left beside it.
  expect((await readdir(at)).sort()).toEqual(['api.yaml', 'pkg']);
}

// In the order a run reaches them.
const BEFORE_COMMIT = [
  'lock-temp-written',
  'lock-taken',
  'staged',
  'planned',
  'journal-written',
  'retiring',
  'retired',
  'installing-journal-written',
  'installing',
  'installed',
];

describe('a run killed before its commit', () => {
  for (const point of BEFORE_COMMIT) {
    it(`at ${point}: the next run finds the old package whole`, async () => {
      const at = await project(point);
      await killAt(at, point);
      await expectOldPackageWhole(at);
    });
  }

  it('half-way through retiring, the package really is broken until the next run restores it', async () => {
    const at = await project('retiring-broken');
    await killAt(at, 'retiring');
    const half = await readTree(path.join(at, 'pkg'));
    expect(Object.keys(half).length).toBeLessThan(Object.keys(oldTree).length);
    // The user's files never moved.
    expect(half).toMatchObject(USER_FILES);
    await expectOldPackageWhole(at);
  });
});

describe('a rollback that is itself killed', () => {
  for (const point of ['rollback-removed', 'restoring']) {
    it(`at ${point}: the run after it still restores the old package whole`, async () => {
      const at = await project(`again-${point}`);
      await killAt(at, 'installing');
      // This run rolls back first (it is killed there), before it regenerates anything.
      await killAt(at, point);
      await expectOldPackageWhole(at);
    });
  }
});

describe('a run killed after its commit', () => {
  it('leaves the new package, and the next run only clears what it left beside it', async () => {
    const at = await project('committed');
    await killAt(at, 'committed');
    expect(await readTree(path.join(at, 'pkg'))).toEqual(newTree);
    const r = await generate(at);
    expect(r.code).toBe(0);
    expect(await readTree(path.join(at, 'pkg'))).toEqual(newTree);
    expect((await readdir(at)).sort()).toEqual(['api.yaml', 'pkg']);
  });
});

describe('a first run, where there was no package, killed', () => {
  /** A project with the new spec and no package yet. */
  async function fresh(name: string): Promise<string> {
    const at = path.join(dir, name);
    await mkdir(at);
    await writeFile(path.join(at, 'api.yaml'), NEW_SPEC);
    return at;
  }
  /** What a first run that is not killed writes. */
  let freshTree: Record<string, string> = {};
  beforeAll(async () => {
    const at = await fresh('fresh-reference');
    expect((await generate(at)).code).toBe(0);
    freshTree = await readTree(path.join(at, 'pkg'));
  }, 60_000);

  for (const point of ['staged', 'planned']) {
    it(`at ${point}: leaves no package, and the next run writes it whole`, async () => {
      const at = await fresh(`fresh-${point}`);
      await killAt(at, point);
      expect((await readdir(at)).filter((name) => name === 'pkg')).toEqual([]);
      const r = await generate(at);
      expect(r.code).toBe(0);
      expect(await readTree(path.join(at, 'pkg'))).toEqual(freshTree);
      expect((await readdir(at)).sort()).toEqual(['api.yaml', 'pkg']);
    });
  }

  it('after its commit: the package is whole, with nothing left beside it', async () => {
    const at = await fresh('fresh-committed');
    await killAt(at, 'committed');
    expect(await readTree(path.join(at, 'pkg'))).toEqual(freshTree);
    expect((await readdir(at)).filter((name) => !name.startsWith('pkg.lock')).sort()).toEqual(['api.yaml', 'pkg']);
  });
});

describe('a run killed while taking over a stale lock', () => {
  it('leaves a lock the next run still takes', async () => {
    const at = await project('break');
    await killAt(at, 'lock-taken');
    // The next run finds that lock stale and is killed holding the marker that lets it remove it.
    await killAt(at, 'lock-break-marked');
    await expectOldPackageWhole(at);
  });
});
