/** The handwritten specs pass Redocly's recommended rules with no error, and the check can fail. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { lint } from '../generator/commands/lint.js';
import { listTargets } from '../generator/commands/targets.js';
import { SpecError } from '../generator/issues.js';
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

it('tokenkit lint lists every finding, not only the problem that stops generation', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-lint-'));
  try {
    const file = path.join(dir, 'api.yaml');
    await writeFile(
      file,
      [
        'openapi: 3.1.0',
        'info: { title: T, version: "1" }',
        'paths:',
        '  /a:',
        '    get:',
        '      operationId: getA',
        "      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Missing' } } } } }",
        'components:',
        '  schemas:',
        '    W: { type: object, properties: { a: { type: string, nullable: true } } }',
        '',
      ].join('\n'),
    );
    const lines: string[] = [];
    await expect(lint([file], (l) => lines.push(l))).rejects.toThrow(SpecError);
    const out = lines.join('\n');
    // The unresolved reference stops generation; the 3.0 keyword (a warning, an error under lint's
    // strictness) and the recommended rules' findings are listed beside it, each once.
    expect(out.match(/\[unresolved-ref\]/g)).toHaveLength(1);
    expect(out).toContain('#/components/schemas/W/properties/a/nullable');
    expect(out).toContain('[operation-summary]');
    expect(out).toContain('[info-license]');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
