/**
 * npm package names, judged as npm judges them: `--name` is a usage error naming the flag (exit 2)
 * before any spec is read, and the spec's `x-tokenkit.package` stays a located spec problem.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../generator/main.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-name-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

function spec(extension = ''): string {
  return [
    'openapi: 3.1.0',
    'info: {title: Names, version: "1"}',
    extension,
    'paths:',
    '  /things:',
    '    get:',
    '      operationId: listThings',
    '      responses:',
    "        '200': {description: ok}",
    '',
  ].join('\n');
}

async function generate(args: string[]): Promise<{ code: number; err: string }> {
  const lines: string[] = [];
  const code = await main(['generate', ...args], (l) => lines.push(l));
  return { code, err: lines.join('\n') };
}

describe('--name', () => {
  const refused: [string, string][] = [
    ['node_modules', 'node_modules is not a valid package name'],
    ['favicon.ico', 'favicon.ico is not a valid package name'],
    ['a'.repeat(215), 'name can no longer contain more than 214 characters'],
    ['tilde~name', 'name can no longer contain special characters'],
    ['Capital', 'name can no longer contain capital letters'],
    ['@scope/', 'name can only contain URL-friendly characters'],
  ];
  for (const [name, reason] of refused) {
    it(`refuses ${name.length > 20 ? `${name.length} characters` : JSON.stringify(name)} as a usage error, exit 2`, async () => {
      const file = path.join(work, 'api.yaml');
      await writeFile(file, spec());
      const out = path.join(work, 'out-refused');
      const r = await generate(['--spec', file, '--out', out, '--name', name]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--name');
      expect(r.err).toContain(reason);
    });
  }

  it('accepts a scoped name npm accepts', async () => {
    const file = path.join(work, 'ok.yaml');
    await writeFile(file, spec());
    const r = await generate(['--spec', file, '--out', path.join(work, 'out-ok'), '--name', '@acme/things.api_v2']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('x-tokenkit.package', () => {
  it('is checked by the same rules, as a located spec problem', async () => {
    const file = path.join(work, 'ext.yaml');
    await writeFile(file, spec('x-tokenkit: {package: favicon.ico}'));
    const r = await generate(['--spec', file, '--out', path.join(work, 'out-ext')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ext\.yaml:3:\d+ {2}#\/x-tokenkit\/package {2}\[package-name\] "favicon\.ico" is not a valid npm package name/);
  });
});
