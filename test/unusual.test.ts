/**
 * Unusual but valid specs: they generate, compile in strict mode, and behave over HTTP (query arrays
 * and deepObject, header and cookie parameters, dashes in path parameters, `default` responses,
 * text, binary and problem+json bodies, OpenAPI 3.1 type arrays and `const`, discriminated unions,
 * circular schemas, a `$ref` key inside an example). Identifiers from hostile names stay valid,
 * distinct and stable.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage } from '../generator/pipeline/index.js';
import { startServer, type LoopbackServer, type Reply } from './helpers/loopback-server.js';
import { typecheck } from './helpers/tsc.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
// Inside node_modules so the packages resolve openapi-fetch as installed packages would.
const out = (name: string) => path.join(root, 'node_modules', `.tokenkit-${name}`);

async function generate(name: string): Promise<string> {
  await run(
    process.execPath,
    [
      path.join(root, 'bin/tokenkit.js'),
      'generate',
      '--spec',
      path.join(root, 'test/fixtures/specs', `${name}.yaml`),
      '--out',
      out(name),
      '--name',
      `@acme/${name}`,
    ],
    {
      cwd: root,
    },
  );
  return out(name);
}

afterAll(async () => {
  await Promise.all(['unusual', 'identifiers', 'multi-file'].map((n) => rm(out(n), { recursive: true, force: true })));
});

describe('an unusual spec', () => {
  let server: LoopbackServer;
  let reply: Reply = { status: 200 };
  // The generated package is imported at run time; its types are checked by tsc below.
  let client: Record<string, Record<string, (params?: unknown, options?: unknown) => Promise<unknown>>>;
  beforeAll(async () => {
    const dir = await generate('unusual');
    expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
    server = await startServer(() => reply);
    const mod = (await import(path.join(dir, 'src/index.ts'))) as Record<string, new (o: unknown) => typeof client>;
    const Client = mod.UnusualButValidClient;
    if (!Client) throw new Error('no client class');
    client = new Client({ baseUrl: server.url, maxRetries: 0 });
  }, 120_000);
  afterAll(() => server.close());

  it('serialises arrays, deepObject, dashed path parameters, headers and cookies', async () => {
    reply = { status: 200, body: { name: 'root', children: [{ name: 'leaf' }], weight: null, kind: 'node' } };
    const tree = await client.trees?.listNodes?.({
      'tree-id': 'a/b',
      tag: ['x', 'y'],
      filter: { color: 'red', size: 2 },
      'X-Request-Id': 'req-1',
      session: 's1',
    });
    const req = server.requests.at(-1);
    expect(req?.url).toBe('/trees/a%2Fb/nodes?tag=x&tag=y&filter[color]=red&filter[size]=2');
    expect(req?.headers['x-request-id']).toBe('req-1');
    expect(req?.headers.cookie).toBe('session=s1');
    expect(tree).toMatchObject({ name: 'root', children: [{ name: 'leaf' }] });
  });
  it('reads text as a string and binary as a Blob', async () => {
    reply = { status: 200, raw: 'root\n  leaf\n', headers: { 'content-type': 'text/plain' } };
    expect(await client.trees?.exportTree?.({ 'tree-id': 't' })).toBe('root\n  leaf\n');
    reply = { status: 200, raw: 'PK\u0003\u0004', headers: { 'content-type': 'application/octet-stream' } };
    const blob = (await client.trees?.downloadArchive?.({ 'tree-id': 't' })) as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(await blob.text()).toBe('PK\u0003\u0004');
  });
  it('turns a `default` problem+json response into an error with the parsed body', async () => {
    reply = {
      status: 418,
      raw: JSON.stringify({ type: 'about:blank', title: 'teapot', status: 418 }),
      headers: { 'content-type': 'application/problem+json' },
    };
    await expect(client.trees?.listNodes?.({ 'tree-id': 't' })).rejects.toMatchObject({ name: 'ApiError', status: 418, body: { title: 'teapot' } });
  });
  it('sends a discriminated union body', async () => {
    reply = { status: 201, body: { shape: 'circle', radius: 2 } };
    await client.shapes?.createShape?.({ body: { shape: 'circle', radius: 2 } });
    expect(JSON.parse(server.requests.at(-1)?.body ?? '')).toEqual({ shape: 'circle', radius: 2 });
  });
  it('names an inline response body, so signatures and hovers read a name, not a path into `paths`', async () => {
    const resource = await readFile(path.join(out('unusual'), 'src/resources/shapes.ts'), 'utf8');
    expect(resource).toContain("export type CountShapesResponse = paths['/shapes/count']['get']['responses']['200']['content']['application/json'];");
    expect(resource).toMatch(/^ {2}countShapes\(params: CountShapesParams = \{\}, options\?: RequestOptions\): ApiPromise<CountShapesResponse> \{$/m);
    expect(await readFile(path.join(out('unusual'), 'src/index.ts'), 'utf8')).toMatch(/^ {2}type CountShapesResponse,$/m);
    const docs = await readFile(path.join(out('unusual'), 'docs/ShapesApi.md'), 'utf8');
    expect(docs).toContain('shapes.countShapes(params?: CountShapesParams, options?: RequestOptions): Promise<CountShapesResponse>');
    reply = { status: 200, body: { total: 3, byKind: { circle: 3 } } };
    expect(await client.shapes?.countShapes?.()).toEqual({ total: 3, byKind: { circle: 3 } });
  });
  it('keeps a $ref key inside an example as data', async () => {
    expect(await readFile(path.join(out('unusual'), 'src/schema.ts'), 'utf8')).toContain('"$ref": "not-a-reference, just data"');
  });
});

describe('pagination', () => {
  it('reads the offset type from a path-level parameter too', async () => {
    const spec = path.join(root, 'test/fixtures/specs/paging-path-level.yaml');
    const pkg = await generatePackage({ specFile: spec, specPath: 'paging-path-level.yaml', name: 'paging' });
    expect(pkg.files.get('src/resources/items.ts')).toContain('listItems(core, { ...params, offset: String(offset) }, options)');
  });
});

describe('hostile names', () => {
  it('become valid, distinct, stable identifiers, and the package compiles', async () => {
    const dir = await generate('identifiers');
    expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
    const client = await readFile(path.join(dir, 'src/client.ts'), 'utf8');
    expect([...client.matchAll(/^ {2}readonly (\w+): (\w+);$/gm)].map((m) => `${m[1]!}: ${m[2]!}`)).toEqual([
      'accessTokens: AccessTokensApi',
      'accessTokens2: AccessTokensApi2',
      'launches: LaunchesApi',
    ]);
    const resources = await Promise.all(
      ['access-tokens', 'access-tokens2', 'launches'].map((f) => readFile(path.join(dir, 'src/resources', `${f}.ts`), 'utf8')),
    );
    const methods = resources.flatMap((r) => [...r.matchAll(/^ {2}(\w+)\(params[^)]*\): ApiPromise</gm)].map((m) => m[1]));
    expect(methods).toEqual(['constructor_', 'delete', 'proto', 'toString_', 'undefined', 'getCId', '_2faSetup']);
    expect(resources[2]).toMatch(/^export function undefined2\(core/m);
    expect(client).toMatch(/^export class SymbolClient \{/m);
    const models = await readFile(path.join(dir, 'src/models.ts'), 'utf8');
    expect([...models.matchAll(/^export type (\w+) =/gm)].map((m) => m[1])).toEqual(['Class', 'Token', 'token2', '_2faToken']);
    expect(resources[0]).toMatch(/'2fa'\?: /);
    expect(resources[0]).toMatch(/'x-trace id'\?: /);
  }, 120_000);
});

describe('a spec split across files', () => {
  it('is bundled: the other files’ schemas and parameters are inlined and the package compiles', async () => {
    const dir = await generate('multi-file');
    expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
    const schema = await readFile(path.join(dir, 'src/schema.ts'), 'utf8');
    const models = await readFile(path.join(dir, 'src/models.ts'), 'utf8');
    expect(schema + models).not.toContain('multi-file/');
    expect(models).toMatch(/^export type Thing = \{/m);
    expect(models).toMatch(/^export type Owner = \{/m);
    const resource = await readFile(path.join(dir, 'src/resources/things.ts'), 'utf8');
    expect(resource).toContain('thingId');
  }, 120_000);
});
