/** Swagger 2.0 input, and comparing a handwritten spec with a vendor's official definition. */
import { execFile } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithVendor, formatCompare } from '../generator/commands/compare.js';
import { generatePackage } from '../generator/pipeline/index.js';
import { typecheck } from './helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const fixture = (...p: string[]) => path.join(root, 'test/fixtures', ...p);
const scratch = path.join(root, 'node_modules', '.tokenkit-swagger2');
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('Swagger 2.0 input', () => {
  it('converts to OpenAPI 3 and generates a package that compiles', async () => {
    const out = path.join(scratch, 'quay2');
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'bin/tokenkit.js'), 'generate', '--spec', fixture('specs/quay-swagger2.yaml'), '--out', out, '--name', '@acme/quay2'],
      {
        cwd: root,
      },
    );
    expect(stdout).toContain('wrote @acme/quay2');
    expect(await typecheck(path.join(out, 'tsconfig.json'))).toBe('');
    const pkg = await generatePackage({ specFile: fixture('specs/quay-swagger2.yaml'), specPath: 'quay-swagger2.yaml', name: 'quay2' });
    const resource = pkg.files.get('src/resources/appspecifictokens.ts') ?? '';
    for (const op of ['listAppTokens', 'createAppToken', 'getAppToken', 'revokeAppToken']) expect(resource).toMatch(new RegExp(`^  ${op}\\(params`, 'm'));
    // The body parameter became a request body; the path-level parameter reached each operation.
    expect(resource).toMatch(/export interface CreateAppTokenParams \{[\s\S]*body: NewToken;/);
    expect(resource).toMatch(/export interface GetAppTokenParams \{[\s\S]*token_uuid:/);
  });
  it('an empty Swagger 2.0 document still makes a package', async () => {
    for (const name of ['swagger-2-empty.yaml', 'swagger-2-empty.json']) {
      const pkg = await generatePackage({ specFile: fixture('specs', name), specPath: name, name: 'empty' });
      expect(pkg.files.has('src/client.ts')).toBe(true);
    }
  });
  it('reports Swagger 2.0 problems against the original file', async () => {
    await cp(fixture('specs/quay-swagger2.yaml'), path.join(scratch, 'broken.yaml'));
    const { readFile, writeFile } = await import('node:fs/promises');
    const broken = (await readFile(path.join(scratch, 'broken.yaml'), 'utf8')).replace('          type: boolean\n', '          type: 12\n');
    await writeFile(path.join(scratch, 'broken.yaml'), broken);
    const where = { code: 'struct', pointer: '/paths/~1api~1v1~1user~1apptoken/get/parameters/0/type' };
    // A parameter's inline schema keyword changes no request: a warning, and under --strict a located error.
    const lenient = await generatePackage({ specFile: path.join(scratch, 'broken.yaml'), specPath: 'broken.yaml', name: 'b' });
    expect(lenient.warnings).toContainEqual(expect.objectContaining(where));
    await expect(generatePackage({ specFile: path.join(scratch, 'broken.yaml'), specPath: 'broken.yaml', name: 'b', strict: true })).rejects.toMatchObject({
      issues: [expect.objectContaining({ ...where, line: 27 })],
    });
  });
});

describe('tokenkit compare', () => {
  it('matches operations by method and path, and lists what the vendor says differently', async () => {
    const result = await compareWithVendor(fixture('diff/base.yaml'), fixture('diff/breaking.yaml'));
    expect(result.vendorOnly).toEqual([{ operationId: 'deleteGadget', method: 'DELETE', path: '/gadgets/{id}' }]);
    expect(result.changes).toContainEqual(expect.objectContaining({ rule: 'parameter-became-optional', operation: 'listGadgets' }));
    expect(result.changes).toContainEqual(expect.objectContaining({ rule: 'enum-value-added', operation: 'listGadgets' }));
    expect(result.changes.every((c) => c.class !== 'docs')).toBe(true);
    expect(formatCompare(result)).toContain('vendor-only  DELETE /gadgets/{id} (`deleteGadget`) is not in our spec');
  });
  it('reads a Swagger 2.0 vendor definition and reports renamed operations and the 200 the docs omit', async () => {
    const result = await compareWithVendor(fixture('specs/quay-swagger2.yaml'), path.join(root, 'specs/quay.yaml'));
    expect(result.renamed).toEqual([]);
    expect(result.oursOnly).toEqual([]);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ operation: 'createAppToken', rule: 'response-status-removed', message: 'response status 200 removed' }),
    );
  });
  it('finds no difference between a spec and itself', async () => {
    const result = await compareWithVendor(path.join(root, 'specs/launchdarkly.yaml'), path.join(root, 'specs/launchdarkly.yaml'));
    expect(result).toEqual({ changes: [], vendorOnly: [], oursOnly: [], renamed: [] });
  });
});
