/**
 * A new tokenkit that changes a package's output with the same spec bumps that package's patch, with
 * a CHANGELOG entry saying so; a package whose output it does not change keeps its version and bytes.
 * The new tokenkit is a copy of this one with one template changed, run through its own bin.
 */
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyBump } from '../generator/diff/semver.js';
import { GENERATOR_VERSION } from '../generator/version.js';
import { readTree } from './helpers/tree.js';
import { runTokenkit } from './helpers/run-cli.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

/** A spec without schemas: the model docs template has nothing to render for it. */
const NO_MODELS = `openapi: 3.0.3
info:
  title: Bare
  version: 1.0.0
servers:
  - url: https://bare.example.test
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '204':
          description: Pong.
`;

let work = '';
let upgraded = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-upgrade-'));
  upgraded = path.join(work, 'tokenkit');
  await mkdir(upgraded);
  for (const part of ['bin', 'generator', 'templates', 'package.json']) await cp(path.join(root, part), path.join(upgraded, part), { recursive: true });
  await symlink(path.join(root, 'node_modules'), path.join(upgraded, 'node_modules'));
  await appendFile(path.join(upgraded, 'templates/package/docs/models/[modelDocs.docName].md.hbs'), '\nSee also the API reference.\n');
});
afterAll(() => rm(work, { recursive: true, force: true }));

const upgradedTokenkit = async (args: string[], cwd: string) => {
  try {
    return { code: 0, ...(await run(process.execPath, [path.join(upgraded, 'bin/tokenkit.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })) };
  } catch (err) {
    return err as { code: number; stdout: string; stderr: string };
  }
};

it('bumps the patch of the packages whose output the template changes, and only those', async () => {
  const project = path.join(work, 'project');
  await mkdir(path.join(project, 'specs'), { recursive: true });
  await cp(path.join(root, 'specs/quay.yaml'), path.join(project, 'specs/quay.yaml'));
  await writeFile(path.join(project, 'specs/bare.yaml'), NO_MODELS);
  await mkdir(path.join(project, 'generated'));
  await cp(path.join(root, 'generated/quay'), path.join(project, 'generated/quay'), { recursive: true });
  expect((await runTokenkit(['generate'], project)).code).toBe(0);
  // Released as they stand (a pending version is recorded as it is): bumps count from here.
  for (const pkg of ['bare', 'quay']) expect((await runTokenkit(['version', pkg, 'patch'], project)).code).toBe(0);
  const before = await readTree(path.join(project, 'generated'));
  const version = (pkg: string) => JSON.parse(before[`${pkg}/package.json`]!) as { version: string };
  const [quay, bare] = [version('quay').version, version('bare').version];

  const r = await upgradedTokenkit(['generate'], project);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const patch = applyBump(quay, 'patch');
  expect(r.stdout).toContain(`@tokenkit/quay  generated/quay`);
  expect(r.stdout).toContain(`patch → ${patch}`);
  const after = await readTree(path.join(project, 'generated'));
  expect(after['quay/CHANGELOG.md']).toBe(
    `# Changelog\n\n## ${patch}\n\nRegenerated with tokenkit ${GENERATOR_VERSION}; the spec (\`specs/quay.yaml\`) is unchanged.\n\n${before['quay/CHANGELOG.md']!.slice('# Changelog\n\n'.length)}`,
  );
  expect(after['quay/docs/models/AppToken.md']).toContain('See also the API reference.');
  expect(after['quay/src/core.ts']).toContain(`'@tokenkit/quay/${patch}'`);
  expect((JSON.parse(after['quay/package.json']!) as { version: string }).version).toBe(patch);
  // The template renders nothing for a package without models: same version, same bytes.
  const bareFiles = Object.keys(after).filter((rel) => rel.startsWith('bare/'));
  expect(bareFiles.filter((rel) => after[rel] !== before[rel])).toEqual([]);
  expect((JSON.parse(after['bare/package.json']!) as { version: string }).version).toBe(bare);

  // Again with the same tokenkit: no further bump, the same bytes; --check agrees.
  expect((await upgradedTokenkit(['generate'], project)).stdout).not.toContain('→');
  expect(await readTree(path.join(project, 'generated'))).toEqual(after);
  expect((await upgradedTokenkit(['generate', '--check'], project)).code).toBe(0);
  // Back to the released tokenkit: the released output again, so the released version.
  await runTokenkit(['generate'], project);
  expect(await readTree(path.join(project, 'generated'))).toEqual(before);
}, 120_000);
