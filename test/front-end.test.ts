/**
 * One spec front-end: generate, lint, diff and compare read a spec the same way, so they agree on
 * Swagger 2.0 and OpenAPI 3 alike, and findings that change no output are warnings unless `--strict`.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../generator/commands/diff.js';
import { generate } from '../generator/commands/generate.js';
import { lint } from '../generator/commands/lint.js';
import { SpecError } from '../generator/issues.js';
import { readSpec } from '../generator/pipeline/read-spec.js';
import { readTree } from './helpers/tree.js';

const fixture = (...p: string[]) => path.resolve(import.meta.dirname, 'fixtures', ...p);
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-front-end-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('Swagger 2.0 through every command', () => {
  it('a generated Swagger 2.0 package diffs as unchanged against its own spec', async () => {
    const root = path.join(work, 'project');
    await mkdir(path.join(root, 'specs'), { recursive: true });
    await cp(fixture('specs/quay-swagger2.yaml'), path.join(root, 'specs/quay-swagger2.yaml'));
    await generate({ root, log: () => {} });
    const result = await diffSpecs('quay-swagger2', undefined, root);
    expect(result.changes).toEqual([]);
    expect(result.bump).toBe('none');
  });

  it('lint finds the security schemes Swagger 2.0 declares in securityDefinitions', async () => {
    const lines: string[] = [];
    await lint([fixture('specs/quay-swagger2.yaml')], (l) => lines.push(l)).catch((err: unknown) => {
      // Redocly's recommended rules may still fail the spec; none of its findings may be a false unknown scheme.
      if (!(err instanceof SpecError)) throw err;
    });
    expect(lines.join('\n')).not.toContain('unknown-security-scheme');
    expect(lines.at(-1)).toMatch(/quay-swagger2\.yaml {2}\d+ errors, \d+ warnings$/);
  });
});

describe('lenient by default, strict when asked', () => {
  const messy = `openapi: 3.1.0
info: { title: Messy, version: '1' }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing:
      type: object
      properties:
        name: { type: string, nullable: true }
        size: { type: integer, exclusiveMinimum: true, minimum: 0 }
`;

  it('3.0 keywords in a 3.1 schema are located warnings, and errors under strict', async () => {
    const file = path.join(work, 'messy.yaml');
    await writeFile(file, messy);
    const spec = await readSpec(file);
    expect(spec.warnings.map((w) => w.pointer)).toEqual(
      expect.arrayContaining(['/components/schemas/Thing/properties/name/nullable', '/components/schemas/Thing/properties/size/exclusiveMinimum']),
    );
    const strict = await readSpec(file, { strict: true }).catch((err: unknown) => err);
    expect(strict).toBeInstanceOf(SpecError);
    const issues = (strict as SpecError).issues;
    expect(issues.length).toBe(spec.warnings.length);
    expect(issues.every((i) => i.line !== undefined && i.column !== undefined)).toBe(true);
  });

  it('tokenkit lint treats the same warnings as errors', async () => {
    const file = path.join(work, 'messy-lint.yaml');
    await writeFile(file, messy);
    const lines: string[] = [];
    await expect(lint([file], (l) => lines.push(l))).rejects.toBeInstanceOf(SpecError);
    expect(lines.filter((l) => l.startsWith('error ') && l.includes('nullable'))).toHaveLength(1);
  });
});

describe('server credentials', () => {
  // Each shape a credential takes in a server URL: a password holding `@`, a variable's default and
  // enum value filled into the host, a scheme-relative URL and one written without its scheme.
  const spec = `openapi: 3.0.3
info: { title: Creds, version: '1' }
servers:
  - url: 'https://user:p@ss-at-secret@api.example.com/v1'
  - url: 'https://{host}/v1'
    variables:
      host:
        default: 'user:default-secret@example.com'
        enum: ['example.com', 'user:enum-secret@other.example', 'user:default-secret@example.com']
  - url: '//user:relative-secret@scheme-relative.example/v1'
  - url: 'user:schemeless-secret@schemeless.example/v1'
paths:
  /a:
    servers:
      - url: 'https://{h}/a'
        variables:
          h: { default: 'path-user:path-secret@path.example' }
    get:
      operationId: getA
      servers:
        - url: '//op-user:op-secret@op.example/a'
      responses: { '204': { description: ok } }
`;

  it('publishes none of them, in any file, and warns of each', async () => {
    const file = path.join(work, 'creds.yaml');
    await writeFile(file, spec);
    const warnings = (await readSpec(file)).warnings.filter((w) => w.code === 'server-credentials').map((w) => w.pointer);
    expect(warnings).toEqual([
      '/servers/0/url',
      '/servers/1/variables/host/default',
      '/servers/1/variables/host/enum/1',
      '/servers/1/variables/host/enum/2',
      '/servers/2/url',
      '/servers/3/url',
      '/paths/~1a/servers/0/variables/h/default',
      '/paths/~1a/get/servers/0/url',
    ]);
    const out = path.join(work, 'creds-package');
    await generate({ root: work, spec: file, out, name: 'creds', log: () => {} });
    const files = Object.entries(await readTree(out));
    expect(files.length).toBeGreaterThan(0);
    for (const [rel, text] of files) expect(text, rel).not.toMatch(/-secret|p@ss/);
    // The servers are still there, without the user info.
    const readme = files.find(([rel]) => rel === 'README.md')?.[1] ?? '';
    for (const host of ['https://api.example.com/v1', '//scheme-relative.example/v1', 'schemeless.example/v1']) expect(readme).toContain(host);
  });
});
