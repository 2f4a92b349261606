/**
 * Parameters and security schemes named after what every JavaScript object inherits (`constructor`,
 * `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, …): the package compiles, an unset optional
 * parameter is not sent (not Object.prototype's function), a set one is sent under its name, and a
 * credential is sent only when given. Driven over HTTP against a loopback server that records the
 * request line and headers.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LoopbackServer } from './helpers/loopback-server.js';
import { typecheck } from './helpers/tsc.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
// Inside node_modules so the package resolves openapi-fetch as an installed package would.
const out = path.join(root, 'node_modules', '.tokenkit-prototype-names');

type Call = (params?: Record<string, unknown>, options?: unknown) => Promise<unknown>;
type Client = { things: { getThing: Call } };

let server: LoopbackServer | undefined;
let Client: new (options: Record<string, unknown>) => Client;

beforeAll(async () => {
  await run(process.execPath, [
    path.join(root, 'bin/tokenkit.js'),
    'generate',
    '--spec',
    path.join(root, 'test/fixtures/specs/prototype-names.yaml'),
    '--out',
    out,
    '--name',
    '@acme/prototype-names',
  ]);
  expect(await typecheck(path.join(out, 'tsconfig.json'))).toBe('');
  server = await startServer(() => ({ status: 200, body: { id: 'x' } }));
  const mod = (await import(path.join(out, 'src/index.ts'))) as Record<string, typeof Client>;
  Client = mod.PrototypeNamesClient as typeof Client;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

function url(): string {
  if (!server) throw new Error('no server');
  return server.url;
}

function last() {
  const request = server?.requests.at(-1);
  if (!request) throw new Error('no request');
  return request;
}

describe('names every object inherits', () => {
  it('sends no unset optional parameter and no credential that was not given', async () => {
    const client = new Client({ baseUrl: url(), maxRetries: 0, token: 'bearer-token' });
    await client.things.getThing({ toString: 'a' });
    const request = last();
    expect(request.url).toBe('/things/a');
    expect(request.headers).not.toHaveProperty('isprototypeof');
    expect(request.headers).not.toHaveProperty('cookie');
    expect(request.headers).not.toHaveProperty('x-proto-key');
  });

  it('takes no prototype member for a credential: with none given, the call is refused unsent', async () => {
    const before = server?.requests.length;
    await expect(new Client({ baseUrl: url(), maxRetries: 0 }).things.getThing({ toString: 'z' })).rejects.toThrow('getThing: no credentials for this call');
    expect(server?.requests.length).toBe(before);
  });

  it('sends each parameter that is set under its own name', async () => {
    const client = new Client({ baseUrl: url(), maxRetries: 0, token: 'bearer-token' });
    const params: Record<string, unknown> = {
      toString: 'b',
      constructor: 'c',
      valueOf: 2,
      hasOwnProperty: true,
      isPrototypeOf: 'h',
      propertyIsEnumerable: 'k',
    };
    // A computed key makes an own property; `{ __proto__: … }` would set the prototype.
    Object.defineProperty(params, '__proto__', { value: 'p', enumerable: true });
    await client.things.getThing(params);
    const request = last();
    const query = new URL(request.url, url()).searchParams;
    expect(new URL(request.url, url()).pathname).toBe('/things/b');
    expect([...query].sort()).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['hasOwnProperty', 'true'],
      ['valueOf', '2'],
    ]);
    expect(request.headers.isprototypeof).toBe('h');
    expect(request.headers.cookie).toBe('propertyIsEnumerable=k');
  });

  it('sends the credential of a scheme named after a prototype member only when it is given', async () => {
    await new Client({ baseUrl: url(), maxRetries: 0, apiKey: 'query-key' }).things.getThing({ toString: 'c' });
    expect(last().url).toBe('/things/c?api_key=query-key');
    await new Client({ baseUrl: url(), maxRetries: 0, protoApiKey: 'header-key' }).things.getThing({ toString: 'd' });
    expect(last().url).toBe('/things/d');
    expect(last().headers['x-proto-key']).toBe('header-key');
  });

  it('validates and sends schemes named valueOf, constructor and hasOwnProperty (Redocly reads them renamed)', async () => {
    await new Client({ baseUrl: url(), maxRetries: 0, token: 'bearer-token' }).things.getThing({ toString: 'e' });
    expect(last().headers.authorization).toBe('Bearer bearer-token');
    await new Client({ baseUrl: url(), maxRetries: 0, constructorApiKey: 'ctor-key' }).things.getThing({ toString: 'f' });
    expect(last().headers['x-ctor-key']).toBe('ctor-key');
    await new Client({ baseUrl: url(), maxRetries: 0, username: 'u', password: 'p' }).things.getThing({ toString: 'g' });
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });
});
