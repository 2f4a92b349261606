/**
 * The TypeScript tokenkit writes itself (resources, client, core, index) reads as a reviewer expects:
 * one quote style, keys quoted only where they must be, no `key: key`, no `void params;`, the inlined
 * call indented under the line it starts on, no double blank lines. `schema.ts` and `models.ts` are
 * openapi-typescript's printer output and are left out.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isIdentifierName } from '../generator/escape/typescript.js';
import { generatePackage } from '../generator/pipeline/index.js';

const root = path.resolve(import.meta.dirname, '..');
const SPECS = [
  'specs/ionos-container-registry.yaml',
  'specs/launchdarkly.yaml',
  'specs/quay.yaml',
  // Link-header `…All` bodies inline the call a level deeper; pages set a number; operations without
  // parameters; header and cookie values; keys named after Object.prototype members.
  'test/fixtures/specs/paging-link-header.yaml',
  'test/fixtures/specs/paging-pages.yaml',
  'test/fixtures/specs/identifiers.yaml',
  'test/fixtures/specs/requests-styles.yaml',
  'test/fixtures/specs/prototype-names.yaml',
];

/** The files tokenkit's templates and builders write, by spec. */
async function ownSources(spec: string): Promise<[string, string][]> {
  const pkg = await generatePackage({ specFile: path.join(root, spec), specPath: spec, name: path.basename(spec, '.yaml') });
  return [...pkg.files].filter(([rel]) => /^src\/(resources\/[^/]+|client|core|index)\.ts$/.test(rel));
}

/** Every string literal and object-literal or interface key whose name is written as a string. */
function literals(source: string): { quoted: string[]; quotedIdentifierKeys: string[]; shorthandable: string[] } {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true);
  const quoted: string[] = [];
  const quotedIdentifierKeys: string[] = [];
  const shorthandable: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) quoted.push(node.getText(file));
    if (
      (ts.isPropertyAssignment(node) || ts.isPropertySignature(node)) &&
      ts.isStringLiteral(node.name) &&
      isIdentifierName(node.name.text) &&
      node.name.text !== '__proto__'
    )
      quotedIdentifierKeys.push(node.getText(file));
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ts.isIdentifier(node.initializer) && node.name.text === node.initializer.text)
      shorthandable.push(node.getText(file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { quoted, quotedIdentifierKeys, shorthandable };
}

/** Lines of each `return core.call(` block not indented one level under the `return`. */
function misindentedCalls(source: string): string[] {
  const lines = source.split('\n');
  const bad: string[] = [];
  lines.forEach((line, i) => {
    const start = /^( *)return core\.call\(/.exec(line);
    if (!start) return;
    const indent = start[1] ?? '';
    const end = lines.findIndex((l, j) => j > i && l.startsWith(`${indent})`));
    if (end === -1) return void bad.push(`unclosed call at line ${i + 1}`);
    if (!lines[i + 1]?.startsWith(`${indent}  core.raw.`)) bad.push(`line ${i + 2}: ${lines[i + 1] ?? ''}`);
    for (let j = i + 1; j < end; j++) if (!lines[j]?.startsWith(`${indent}  `)) bad.push(`line ${j + 1}: ${lines[j] ?? ''}`);
  });
  return bad;
}

describe.each(SPECS)('%s', (spec) => {
  it('is written in one style', async () => {
    const files = await ownSources(spec);
    expect(files.length).toBeGreaterThan(3);
    for (const [rel, source] of files) {
      const { quoted, quotedIdentifierKeys, shorthandable } = literals(source);
      expect(
        quoted.filter((q) => !q.startsWith("'")),
        `${rel}: double-quoted strings`,
      ).toEqual([]);
      expect(quotedIdentifierKeys, `${rel}: keys quoted without need`).toEqual([]);
      expect(shorthandable, `${rel}: key: key`).toEqual([]);
      expect(source, rel).not.toMatch(/\bvoid params\b/);
      expect(source, `${rel}: two blank lines in a row`).not.toMatch(/\n\n\n/);
      expect(source, `${rel}: an empty body over two lines`).not.toMatch(/\{\n\}/);
      expect(source, `${rel}: trailing space`).not.toMatch(/[ \t]$/m);
      expect(source, `${rel}: two spaces between words`).not.toMatch(/\S {2,}\S/);
      expect(misindentedCalls(source), rel).toEqual([]);
    }
  }, 60_000);
});
