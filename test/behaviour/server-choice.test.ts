/**
 * A document that declares several servers (test/fixtures/specs/server-choice.yaml: production,
 * sandbox, a regional one with a variable, a gateway whose URL is a variable without a default).
 * The client's `server` option names one by its URL, typed as the declared ones; requests go to it
 * over loopback HTTP, an operation's own server still replaces it, `baseUrl` wins over it, and the
 * README and the option's JSDoc list what is available.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { consumerProject, strictConsumerOptions } from '../helpers/consumer-project.js';
import { typecheck } from '../helpers/tsc.js';

type Method = (params?: unknown) => Promise<unknown>;
type Client = { orders: Record<string, Method> };
type ClientClass = new (options?: Record<string, unknown>) => Client;

// Compiled with the package under strict and exactOptionalPropertyTypes: a wrong option type fails the suite.
const USAGE = `import { ShopClient } from './shop/src/index.js';

export const sandbox = new ShopClient({ server: 'https://sandbox.shop.example.test/v1' });
export const regional = new ShopClient({ server: 'https://{region}.shop.example.test/v1', region: 'us' });
export const gateway = new ShopClient({ server: '{gateway}/v1', gateway: 'https://gw.test' });
export const mock = new ShopClient({ server: 'https://sandbox.shop.example.test/v1', baseUrl: 'http://127.0.0.1:4010' });
// @ts-expect-error only the declared servers
export const other = new ShopClient({ server: 'https://elsewhere.test' });
// @ts-expect-error region is one of the enum's values
export const mars = new ShopClient({ server: 'https://{region}.shop.example.test/v1', region: 'mars' });
`;

let dir: string;
let server: LoopbackServer;
let Shop: ClientClass;

/** A fetch that records each URL the client chose and sends the request to the loopback server instead. */
function rehost(urls: string[]) {
  return (request: Request, init?: RequestInit): Promise<Response> => {
    urls.push(request.url);
    const u = new URL(request.url);
    return fetch(new Request(`${server.url}${u.pathname}${u.search}`, request), init);
  };
}

beforeAll(async () => {
  dir = await consumerProject(['server-choice.yaml', 'shop']);
  await writeFile(path.join(dir, 'usage.ts'), USAGE);
  const compilerOptions = strictConsumerOptions();
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['usage.ts', 'shop/src'] }));
  const mod = (await import(path.join(dir, 'shop/src/index.ts'))) as Record<string, ClientClass>;
  if (!mod.ShopClient) throw new Error('no ShopClient');
  Shop = mod.ShopClient;
  server = await startServer(() => ({ status: 200, body: [] }));
}, 60_000);

afterAll(async () => {
  // Unset when beforeAll failed, whatever the declared type says.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('types the server option as the declared servers (strict, exactOptionalPropertyTypes)', async () => {
  expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
}, 60_000);

describe('choosing a declared server', () => {
  it('sends to the first server by default, and to the one the option names', async () => {
    const urls: string[] = [];
    await new Shop({ fetch: rehost(urls), maxRetries: 0 }).orders.listOrders?.();
    await new Shop({ fetch: rehost(urls), maxRetries: 0, server: 'https://sandbox.shop.example.test/v1' }).orders.listOrders?.();
    await new Shop({ fetch: rehost(urls), maxRetries: 0, server: 'https://{region}.shop.example.test/v1' }).orders.listOrders?.();
    await new Shop({ fetch: rehost(urls), maxRetries: 0, server: 'https://{region}.shop.example.test/v1', region: 'us' }).orders.listOrders?.();
    expect(urls).toEqual([
      'https://api.shop.example.test/v1/orders',
      'https://sandbox.shop.example.test/v1/orders',
      'https://eu.shop.example.test/v1/orders',
      'https://us.shop.example.test/v1/orders',
    ]);
    expect(server.requests.slice(-4).map((r) => `${r.method} ${r.url}`)).toEqual(Array(4).fill('GET /v1/orders'));
  });

  it('reaches the chosen server over loopback HTTP with no fetch of its own', async () => {
    const before = server.requests.length;
    const shop = new Shop({ server: '{gateway}/v1', gateway: server.url, maxRetries: 0 });
    expect(await shop.orders.listOrders?.()).toEqual([]);
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/orders']);
  });

  it('keeps an operation’s own server, and lets baseUrl win over every server', async () => {
    const urls: string[] = [];
    await new Shop({ fetch: rehost(urls), maxRetries: 0, server: 'https://sandbox.shop.example.test/v1' }).orders.createOrder?.({ body: { sku: 'a' } });
    expect(urls).toEqual(['https://ingest.shop.example.test/orders']);
    const mock = new Shop({ baseUrl: `${server.url}/mock`, server: 'https://sandbox.shop.example.test/v1', maxRetries: 0 });
    await mock.orders.listOrders?.();
    await mock.orders.createOrder?.({ body: {} });
    expect(server.requests.slice(-2).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /mock/orders', 'POST /mock/orders']);
  });

  it('refuses a server the API does not declare, and a chosen server whose variable has no value, before sending', () => {
    expect(() => new Shop({ server: 'https://elsewhere.test' })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', message: expect.stringContaining('"https://sandbox.shop.example.test/v1"') }),
    );
    expect(() => new Shop({ server: '{gateway}/v1' })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', message: expect.stringContaining('"gateway"') }),
    );
  });
});

describe('the docs', () => {
  it('list the servers, the option that picks one and the variables in the README', async () => {
    const readme = await readFile(path.join(dir, 'shop/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Servers'), readme.indexOf('## Errors'));
    expect(section).toContain("| `https://api.shop.example.test/v1` | `server: 'https://api.shop.example.test/v1'` (default) | Production |");
    expect(section).toContain("| `https://sandbox.shop.example.test/v1` | `server: 'https://sandbox.shop.example.test/v1'` | Sandbox \\| test data only |");
    expect(section).toContain("| `{gateway}/v1` | `server: '{gateway}/v1'` | Your own gateway |");
    expect(section).toContain("const client = new ShopClient({ server: 'https://sandbox.shop.example.test/v1' });");
    expect(section).toMatch(/\| `region` \| `\{region\}` \| The region that holds the account\. .*One of `eu`, `us`\. \|/);
    expect(section).toContain("Required with `server: '{gateway}/v1'` unless `baseUrl` is given");
    expect(section).toContain('Some operations declare servers of their own');
    expect(readme).toContain('- [Servers](#servers)');
  });

  it('list the servers in the option’s JSDoc', async () => {
    const core = await readFile(path.join(dir, 'shop/src/core.ts'), 'utf8');
    expect(core).toContain('   * - `https://sandbox.shop.example.test/v1`: Sandbox | test data only\n');
    expect(core).toContain(
      "server?: 'https://api.shop.example.test/v1' | 'https://sandbox.shop.example.test/v1' | 'https://{region}.shop.example.test/v1' | '{gateway}/v1' | undefined;",
    );
  });
});
