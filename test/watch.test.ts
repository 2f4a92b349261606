/** `generate --watch` as a user runs it: regenerates on save, prints problems, keeps watching. */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { applyBump } from '../generator/diff/semver.js';

const root = path.resolve(import.meta.dirname, '..');
let work = '';
afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

/** `tokenkit generate --watch …` started in `cwd`, with its output so far and a wait for what it prints. */
function startWatch(args: string[], cwd: string) {
  const child = spawn(process.execPath, [path.join(root, 'bin/tokenkit.js'), 'generate', '--watch', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const until = async (check: () => boolean, what: string) => {
    for (let waited = 0; !check(); waited += 50) {
      if (waited > 60_000) throw new Error(`timed out waiting for ${what}\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`);
      if (child.exitCode !== null) throw new Error(`watch exited early with ${child.exitCode}\n${out.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, out, until };
}

it('regenerates on a change, reports a broken spec without exiting, and stops on SIGTERM', async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-watch-'));
  await cp(path.join(root, 'specs'), path.join(work, 'specs'), { recursive: true });
  await cp(path.join(root, 'generated'), path.join(work, 'generated'), { recursive: true });
  const { child, out, until } = startWatch([], work);
  try {
    await until(() => out.stdout.includes('watching specs'), 'the watch to start');
    const spec = path.join(work, 'specs/quay.yaml');
    const original = await readFile(spec, 'utf8');
    await writeFile(spec, original.replace('summary: List app-specific tokens', 'summary: List the app-specific tokens'));
    // Counted from the last release, which the manifest records.
    const released = (JSON.parse(await readFile(path.join(work, 'generated/quay/.tokenkit.json'), 'utf8')) as { released: { version: string } }).released;
    const patched = applyBump(released.version, 'patch');
    await until(() => out.stdout.includes(`patch → ${patched}`), 'a regeneration');
    expect(JSON.parse(await readFile(path.join(work, 'generated/quay/package.json'), 'utf8'))).toMatchObject({ version: patched });

    await writeFile(spec, original.replace('operationId: getAppToken', 'operationId: listAppTokens'));
    await until(() => out.stderr.includes('[duplicate-operation-id]'), 'the problem to be reported');
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(child.exitCode).toBeNull();
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  expect(code).toBe(0);
}, 120_000);

it('regenerates when a file the spec references changes, in a directory of its own', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-watch-refs-'));
  try {
    await mkdir(path.join(dir, 'parts'));
    const spec = [
      'openapi: 3.0.3',
      'info: { title: Parts, version: "1" }',
      'servers: [{ url: "https://parts.example.test" }]',
      'paths:',
      '  /part:',
      '    get:',
      '      operationId: getPart',
      "      responses: { '200': { description: One, content: { application/json: { schema: { $ref: './parts/schemas.yaml#/Part' } } } } }",
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'api.yaml'), spec);
    const schemas = path.join(dir, 'parts/schemas.yaml');
    await writeFile(schemas, 'Part:\n  type: object\n  properties:\n    id: { type: string }\n');
    const { child, out, until } = startWatch(['--spec', 'api.yaml', '--out', 'out', '--name', '@acme/parts'], dir);
    try {
      await until(() => out.stdout.includes('watching'), 'the watch to start');
      await writeFile(schemas, 'Part:\n  type: object\n  properties:\n    id: { type: string }\n    label: { type: string }\n');
      await until(() => out.stdout.includes('change in schemas.yaml'), 'a regeneration');
      await until(() => (out.stdout.match(/wrote @acme\/parts/g) ?? []).length >= 2, 'the package written again');
      expect(await readFile(path.join(dir, 'out/src/models.ts'), 'utf8')).toContain('label?: string');
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
