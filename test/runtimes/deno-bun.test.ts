/**
 * The built LaunchDarkly package run by Deno and by Bun, both installed from npm as this project's
 * pinned devDependencies, resolving the package from node_modules as they would in a user's project,
 * against the emulator on loopback.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLaunchDarklyEmulator } from '../emulators/launchdarkly.js';
import { installBuiltPackage, type InstalledProject } from '../helpers/installed-package.js';
import { esmEntry, SCENARIO_API_KEY, SCENARIO_RESULT, SEEDED_NAMES } from '../helpers/runtime-scenario.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** A runtime's executable from node_modules/.bin; missing means the install is incomplete, which is a failure. */
function runtime(name: 'deno' | 'bun'): string {
  const bin = path.join(root, 'node_modules/.bin', name);
  if (!existsSync(bin)) throw new Error(`${name} is not installed: run \`npm ci\` (it is a pinned devDependency, with its binary in a platform package)`);
  return bin;
}

let project: InstalledProject;
beforeAll(async () => {
  project = await installBuiltPackage('launchdarkly', 'tokenkit-deno-bun-');
  await writeFile(path.join(project.dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await writeFile(path.join(project.dir, 'main.mjs'), esmEntry(project.packageName));
  await mkdir(path.join(project.dir, 'cache'));
}, 60_000);
afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
});

async function scenarioWith(command: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const emulator = await startLaunchDarklyEmulator({ apiKey: SCENARIO_API_KEY });
  emulator.seed(SEEDED_NAMES.length, 'seed');
  try {
    return await run(command, [...args, emulator.url], { cwd: project.dir, env: { PATH: process.env.PATH ?? '', HOME: project.dir, ...env } });
  } finally {
    await emulator.close();
  }
}

it('runs in Deno', async () => {
  const deno = runtime('deno');
  // Network only to loopback; no prompt, so a missing permission fails instead of hanging.
  const { stdout, stderr } = await scenarioWith(deno, ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', 'main.mjs'], {
    DENO_DIR: path.join(project.dir, 'cache'),
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
  });
  expect(stderr).toBe('');
  expect(JSON.parse(stdout)).toEqual(SCENARIO_RESULT);
}, 30_000);

it('runs in Bun', async () => {
  const bun = runtime('bun');
  const { stdout, stderr } = await scenarioWith(bun, ['main.mjs'], { BUN_INSTALL_CACHE_DIR: path.join(project.dir, 'cache'), NO_COLOR: '1' });
  expect(stderr).toBe('');
  expect(JSON.parse(stdout)).toEqual(SCENARIO_RESULT);
}, 30_000);
