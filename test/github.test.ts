/**
 * The large-spec tier: GitHub's REST API (13 MB, ~1,000 operations) becomes a full package (types,
 * client, docs) that compiles in strict mode. Timing is the benchmark's business, not this test's.
 */
import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { githubSpec } from '../scripts/github-spec.js';
import { typecheck } from './helpers/tsc.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
// Inside node_modules so the package resolves openapi-fetch as an installed package would.
const out = path.join(root, 'node_modules', '.tokenkit-github');
afterAll(() => rm(out, { recursive: true, force: true }));

it('generates GitHub’s REST API as a package that compiles in strict mode', async () => {
  const spec = await githubSpec();
  const { stdout } = await run(process.execPath, [path.join(root, 'bin/tokenkit.js'), 'generate', '--spec', spec, '--out', out, '--name', '@tokenkit/github'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(stdout).toMatch(/wrote @tokenkit\/github .* \d+ files/);
  const docs = await readdir(path.join(out, 'docs'));
  expect(docs.length).toBeGreaterThan(30);
  expect(await readdir(path.join(out, 'docs', 'models'))).toContain('repository.md');
  expect(await typecheck(path.join(out, 'tsconfig.json'))).toBe('');
}, 600_000);
