/**
 * Paths that differ only by a parameter's name (`/things/{id}` and `/things/{thingId}`) break an
 * OpenAPI rule, and Redocly's no-identical-paths reports them; tokenkit keeps that a warning because
 * the package it generates is right. openapi-fetch keys each operation by its path template, so each
 * method is typed by its own operation and sends its own request. With different methods on the two
 * paths (GitHub's attestations) the requests differ; with the same method they are one request, and
 * which operation answers is the server's routing (Google's APIs tell `{+name}` from `{+parent}` by
 * the value's shape), so the client still sends exactly what each operation declares. Proved here:
 * both fixtures compile under the packages' own options and send their requests over loopback HTTP.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatePackage } from '../../generator/pipeline/index.js';
import { startServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { typecheck } from '../helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '../..');
const FIXTURES = ['identical-paths', 'identical-paths-same-method'] as const;

type Method = (params: Record<string, unknown>) => Promise<unknown>;
type ClientClass = new (options: Record<string, unknown>) => { things: Record<string, Method> };

let dir: string;
let server: LoopbackServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tokenkit-identical-paths-'));
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const name of FIXTURES) {
    const pkg = await generatePackage({ specFile: path.join(root, 'test/fixtures/invalid', `${name}.yaml`), specPath: `${name}.yaml`, name });
    expect(pkg.warnings.map((w) => w.code)).toEqual(['no-identical-paths']);
    for (const [rel, content] of pkg.files) {
      const file = path.join(dir, name, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }
  server = await startServer((req) => ({ status: 200, body: { seen: `${req.method} ${req.url}` } }));
}, 120_000);
afterAll(async () => {
  // Unset when beforeAll failed, whatever the declared type says.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function things(name: string): Promise<Record<string, Method>> {
  const mod = (await import(path.join(dir, name, 'src/index.ts'))) as Record<string, unknown>;
  const Class = Object.values(mod).find((v) => typeof v === 'function' && v.name.endsWith('Client')) as ClientClass;
  return new Class({ baseUrl: server.url, maxRetries: 0 }).things;
}

it('each package compiles in strict mode', { timeout: 120_000 }, async () => {
  for (const name of FIXTURES) expect(await typecheck(path.join(dir, name, 'tsconfig.json')), name).toBe('');
});

it('each operation sends its own method and path, its parameter filled in', async () => {
  const a = await things('identical-paths');
  await a.getThing!({ id: 'a1' });
  await a.deleteThing!({ thingId: 'b 2' });
  const b = await things('identical-paths-same-method');
  await b.getThing!({ id: 'c3' });
  await b.findThing!({ thingId: 'd4' });
  expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /things/a1', 'DELETE /things/b%202', 'GET /things/c3', 'GET /things/d4']);
});
