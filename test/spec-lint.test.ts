/** The handwritten specs pass Redocly's recommended rules with no error, and the check can fail. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { listTargets } from '../generator/commands/targets.js';
import { loadSpec } from '../generator/pipeline/load.js';
import { lintIssues } from '../generator/pipeline/validate.js';

const root = path.resolve(import.meta.dirname, '..');

it.each((await listTargets(root)).map((t) => [path.basename(t.specFile), t.specFile] as const))('%s: 0 errors under recommended rules', async (_name, file) => {
  expect(await lintIssues(await loadSpec(file), 'recommended')).toEqual([]);
});

it('reports a located error for a spec that breaks a recommended rule', async () => {
  const spec = await loadSpec(path.join(root, 'test/fixtures/invalid/undefined-security-scheme.yaml'));
  const issues = await lintIssues(spec, 'recommended');
  expect(issues).toContainEqual(expect.objectContaining({ code: 'security-defined', pointer: '/paths/~1things/get/security/0/nope', line: 11 }));
});
