/** Each broken spec maps to its exact problem: code, file, JSON pointer, line and column. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { SpecError, type SpecIssue } from '../generator/issues.js';
import { generatePackage } from '../generator/pipeline/index.js';

const dir = path.relative(process.cwd(), path.resolve(import.meta.dirname, 'fixtures/invalid'));

async function issuesOf(name: string): Promise<SpecIssue[]> {
  const specFile = path.join(dir, name);
  try {
    await generatePackage({ specFile, specPath: name, name: 'x' });
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  throw new Error(`${name} generated without an error`);
}

const cases: [string, Partial<SpecIssue>][] = [
  ['yaml-syntax.yaml', { code: 'parse', pointer: '', line: 8, column: 1 }],
  ['json-syntax.json', { code: 'parse', pointer: '', line: 4, column: 13 }],
  ['empty.yaml', { code: 'parse', pointer: '', line: 1, column: 1, message: 'the file is empty' }],
  ['swagger-unsupported.yaml', { code: 'version', pointer: '/swagger', line: 1, column: 10 }],
  ['dangling-ref.yaml', { code: 'unresolved-ref', pointer: '/paths/~1a/get/responses/200/content/application~1json/schema', line: 15, column: 17 }],
  ['duplicate-operation-id.yaml', { code: 'duplicate-operation-id', pointer: '/paths/~1b/get/operationId', line: 14, column: 20 }],
  ['undeclared-path-param.yaml', { code: 'path-parameters-defined', pointer: '/paths/~1things~1{thingId}/get/parameters', line: 7 }],
  ['method-name-collision.yaml', { code: 'name-collision', pointer: '/paths/~1b/get/operationId', line: 14, column: 20 }],
  ['undefined-security-scheme.yaml', { code: 'unknown-security-scheme', pointer: '/paths/~1things/get/security/0/nope', line: 11, column: 11 }],
];

it.each(cases)('%s → %o', async (name, expected) => {
  const issues = await issuesOf(name);
  expect(issues).toContainEqual(expect.objectContaining({ ...expected, file: path.join(dir, name) }));
});
