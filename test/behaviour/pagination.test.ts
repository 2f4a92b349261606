/**
 * Every pagination style over loopback HTTP, from the fixture specs test/fixtures/specs/paging-*.yaml:
 * page number/size, a cursor from the last item (Stripe) or a response field (Slack), a next URL in
 * the body (LaunchDarkly) and the `Link` header (GitHub). Each stops on its last page and on a
 * repeated page or cursor; a next link to another origin (a second loopback server on another port)
 * is refused before any request, so that server never sees a credential. Each package is generated
 * into a temporary directory and type-checked with a script that reads `.withResponse()` and
 * `.pagesWithResponse()` under `strict` and `exactOptionalPropertyTypes`.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerProject, strictConsumerOptions } from '../helpers/consumer-project.js';
import { startServer, type LoopbackServer, type Recorded, type Reply } from '../helpers/loopback-server.js';
import { typecheck } from '../helpers/tsc.js';

const FIXTURES = ['pages', 'cursors', 'next-url', 'link-header'] as const;

interface Paginator<Item> extends AsyncIterable<Item> {
  toArray(): Promise<Item[]>;
  pages(): AsyncIterable<unknown>;
  pagesWithResponse(): AsyncIterable<{ data: unknown; status: number; headers: Headers }>;
}
type Resource = Record<string, (params?: unknown, options?: unknown) => Paginator<Record<string, unknown>>>;
type Client = Record<string, Resource>;
type ClientClass = new (options?: Record<string, unknown>) => Client;

// The typed surface as a caller uses it; a wrong or `any` type fails the compile.
const USAGE = `
import { LinkedReposClient, PaginationError, type Repo, type WithResponse } from './link-header/src/index.js';
import { CursorListsClient } from './cursors/src/index.js';
import { LinkedFlagsClient } from './next-url/src/index.js';
import { PagedCatalogClient } from './pages/src/index.js';

export async function use(): Promise<void> {
  const repos = new LinkedReposClient({ token: process.env.TOKEN });
  const one: WithResponse<Repo[]> = await repos.repos.listRepos({ per_page: 2 }).withResponse();
  const remaining: string | null = one.headers.get('x-ratelimit-remaining');
  const status: number = one.status;
  const name: string | undefined = one.data[0]?.name;
  // @ts-expect-error the body is typed, not any
  const wrong: number = one.data[0]?.name;
  const plain: Repo[] = await repos.repos.listRepos();
  for await (const page of repos.repos.listReposAll({ per_page: 2 }).pagesWithResponse()) {
    const link: string | null = page.headers.get('link');
    const first: Repo | undefined = page.data[0];
    void link;
    void first;
  }
  const all: Repo[] = await repos.repos.listReposAll().toArray();
  const ids: number[] = [];
  for await (const repo of repos.repos.listReposAll()) ids.push(repo.id);
  for await (const customer of new CursorListsClient().customers.listCustomersAll({ limit: 2 })) ids.push(customer.id.length);
  for await (const channel of new CursorListsClient().conversations.conversationsListAll()) ids.push(channel.name.length);
  // @ts-expect-error the paginator sets the cursor itself
  new CursorListsClient().customers.listCustomersAll({ starting_after: 'x' });
  for await (const flag of new LinkedFlagsClient({ apiKey: 'k' }).flags.getFlagsAll({ limit: 2 })) ids.push(flag.key.length);
  for await (const product of new PagedCatalogClient().products.listProductsAll({ page_size: 2 })) ids.push(product.sku.length);
  try {
    await repos.repos.listReposAll().toArray();
  } catch (err) {
    if (err instanceof PaginationError) console.log(err.message);
  }
  void [remaining, status, name, wrong, plain, all];
}
`;

let dir: string;
let server: LoopbackServer;
let evil: LoopbackServer;
let reply: (req: Recorded) => Reply = () => ({ status: 200, body: {} });
const classes = new Map<string, ClientClass>();

async function client(fixture: string, className: string, options: Record<string, unknown> = {}): Promise<Client> {
  let Class = classes.get(className);
  if (!Class) {
    const mod = (await import(path.join(dir, fixture, 'src/index.ts'))) as Record<string, ClientClass>;
    Class = mod[className];
    if (!Class) throw new Error(`${fixture} exports no ${className}`);
    classes.set(className, Class);
  }
  return new Class({ baseUrl: server.url, maxRetries: 0, token: 'secret-token', ...options });
}

/** The `…All` method of a resource. */
function all(c: Client, resource: string, method: string): (params?: unknown, options?: unknown) => Paginator<Record<string, unknown>> {
  const fn = c[resource]?.[method];
  if (!fn) throw new Error(`no ${resource}.${method}`);
  return fn.bind(c[resource]);
}

const query = (req: Recorded): URLSearchParams => new URL(req.url, 'http://x').searchParams;

beforeAll(async () => {
  dir = await consumerProject(...FIXTURES.map((name): [string, string] => [`paging-${name}.yaml`, name]));
  await writeFile(path.join(dir, 'usage.ts'), USAGE);
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const compilerOptions = strictConsumerOptions({ types: ['node'] });
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts', '*/src'] }));
  expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
  server = await startServer((req) => reply(req));
  evil = await startServer(() => ({ status: 200, body: [] }));
}, 180_000);

afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed, whatever the declared type says */
  await server?.close();
  await evil?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('page number and size', () => {
  const products = (page: number, size: number, count: number) =>
    Array.from({ length: Math.max(0, Math.min(size, count - (page - 1) * size)) }, (_, i) => ({ sku: `p${(page - 1) * size + i}` }));

  it('asks page 1, 2, 3 with the size given and stops on the declared page count', async () => {
    reply = (req) => {
      const page = Number(query(req).get('page'));
      return { status: 200, body: { results: products(page, 2, 6), total_pages: 3 } };
    };
    const c = await client('pages', 'PagedCatalogClient');
    const items = await all(c, 'products', 'listProductsAll')({ page_size: 2 }).toArray();
    expect(items.map((p) => p.sku)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    expect(server.requests.slice(-3).map((r) => r.url)).toEqual([
      '/products?page=1&page_size=2',
      '/products?page=2&page_size=2',
      '/products?page=3&page_size=2',
    ]);
  });

  it('stops on a short page when no page count is sent, and on a page the server repeats', async () => {
    reply = (req) => ({ status: 200, body: { results: products(Number(query(req).get('page')), 2, 5) } });
    const c = await client('pages', 'PagedCatalogClient');
    const before = server.requests.length;
    expect(await all(c, 'products', 'listProductsAll')({ page_size: 2 }).toArray()).toHaveLength(5);
    expect(server.requests.length - before).toBe(3);
    reply = () => ({ status: 200, body: { results: products(1, 2, 5) } });
    const again = server.requests.length;
    expect(await all(c, 'products', 'listProductsAll')({ page_size: 2 }).toArray()).toHaveLength(2);
    expect(server.requests.length - again).toBe(2);
  });
});

describe('cursor', () => {
  const ids = ['cus_a', 'cus_b', 'cus_c', 'cus_d', 'cus_e'];

  it('feeds the last item’s id to starting_after until has_more is false (Stripe)', async () => {
    reply = (req) => {
      const after = query(req).get('starting_after');
      const from = after === null ? 0 : ids.indexOf(after) + 1;
      return { status: 200, body: { data: ids.slice(from, from + 2).map((id) => ({ id })), has_more: from + 2 < ids.length } };
    };
    const c = await client('cursors', 'CursorListsClient');
    const items = await all(c, 'customers', 'listCustomersAll')({ limit: 2 }).toArray();
    expect(items.map((i) => i.id)).toEqual(ids);
    expect(server.requests.slice(-3).map((r) => query(r).get('starting_after'))).toEqual([null, 'cus_b', 'cus_d']);
    expect(server.requests.slice(-3).every((r) => r.headers.authorization === 'Bearer secret-token')).toBe(true);
  });

  it('stops when the server ignores the cursor and sends the same page with has_more', async () => {
    reply = () => ({ status: 200, body: { data: [{ id: 'cus_a' }], has_more: true } });
    const c = await client('cursors', 'CursorListsClient');
    const before = server.requests.length;
    expect(await all(c, 'customers', 'listCustomersAll')().toArray()).toHaveLength(1);
    expect(server.requests.length - before).toBe(2);
  });

  it('follows response_metadata.next_cursor through an empty page to an empty cursor (Slack)', async () => {
    const script: Record<string, unknown> = {
      '': { ok: true, channels: [{ id: 'C1', name: 'general' }], response_metadata: { next_cursor: 'dXNlcjpVMDYx' } },
      dXNlcjpVMDYx: { ok: true, channels: [], response_metadata: { next_cursor: 'dXNlcjpVMDYy' } },
      dXNlcjpVMDYy: { ok: true, channels: [{ id: 'C2', name: 'random' }], response_metadata: { next_cursor: '' } },
    };
    reply = (req) => ({ status: 200, body: script[query(req).get('cursor') ?? ''] ?? {} });
    const c = await client('cursors', 'CursorListsClient');
    const items = await all(c, 'conversations', 'conversationsListAll')().toArray();
    expect(items.map((i) => i.name)).toEqual(['general', 'random']);
    expect(server.requests.slice(-3).map((r) => query(r).get('cursor'))).toEqual([null, 'dXNlcjpVMDYx', 'dXNlcjpVMDYy']);
  });

  it('stops on a cursor it has already followed', async () => {
    let n = 0;
    reply = () => {
      n++;
      return { status: 200, body: { channels: [{ id: `C${n}`, name: `c${n}` }], response_metadata: { next_cursor: n % 2 ? 'a' : 'b' } } };
    };
    const c = await client('cursors', 'CursorListsClient');
    expect(await all(c, 'conversations', 'conversationsListAll')().toArray()).toHaveLength(3);
    expect(n).toBe(3);
  });
});

describe('next URL in the body', () => {
  it('follows _links.next.href (relative to the page) with the client’s credentials until it is missing', async () => {
    reply = (req) => {
      const offset = Number(query(req).get('offset') ?? 0);
      const next = offset < 4 ? { next: { href: `/flags?limit=2&offset=${offset + 2}` } } : {};
      return { status: 200, body: { items: [{ key: `f${offset}` }, { key: `f${offset + 1}` }], _links: next } };
    };
    const c = await client('next-url', 'LinkedFlagsClient', { apiKey: 'api-key-1' });
    const items = await all(c, 'flags', 'getFlagsAll')({ limit: 2 }).toArray();
    expect(items.map((i) => i.key)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
    const sent = server.requests.slice(-3);
    expect(sent.map((r) => r.url)).toEqual(['/flags?limit=2', '/flags?limit=2&offset=2', '/flags?limit=2&offset=4']);
    expect(sent.map((r) => r.headers.authorization)).toEqual(['api-key-1', 'api-key-1', 'api-key-1']);
  });

  it('retries a followed page through the client core', async () => {
    let calls = 0;
    reply = (req) => {
      calls++;
      if (query(req).get('offset') === null) return { status: 200, body: { items: [{ key: 'a' }], _links: { next: { href: '/flags?offset=1' } } } };
      return calls === 2 ? { status: 503, body: {} } : { status: 200, body: { items: [{ key: 'b' }] } };
    };
    const c = await client('next-url', 'LinkedFlagsClient', { apiKey: 'k', maxRetries: 1, sleep: () => Promise.resolve() });
    expect((await all(c, 'flags', 'getFlagsAll')().toArray()).map((i) => i.key)).toEqual(['a', 'b']);
    expect(calls).toBe(3);
  });

  it('stops on a next link back to a page it has fetched, even with new items', async () => {
    let n = 0;
    reply = () => ({ status: 200, body: { items: [{ key: `k${n++}` }], _links: { next: { href: n % 2 ? '/flags?offset=1' : '/flags' } } } });
    const c = await client('next-url', 'LinkedFlagsClient', { apiKey: 'k' });
    const before = server.requests.length;
    expect(await all(c, 'flags', 'getFlagsAll')().toArray()).toHaveLength(2);
    expect(server.requests.length - before).toBe(2);
  });

  it.each([
    ['an absolute URL', () => `${evil.url}/steal?x=1`],
    ['a protocol-relative URL', () => `//${new URL(evil.url).host}/steal`],
  ])('refuses %s on another origin: nothing reaches it', async (_label, href) => {
    reply = () => ({ status: 200, body: { items: [{ key: 'a' }], _links: { next: { href: href() } } } });
    const c = await client('next-url', 'LinkedFlagsClient', { apiKey: 'api-key-1' });
    const seen: unknown[] = [];
    const run = async () => {
      for await (const item of all(c, 'flags', 'getFlagsAll')()) seen.push(item);
    };
    await expect(run()).rejects.toMatchObject({
      name: 'PaginationError',
      message: expect.stringContaining(`to ${evil.url}, which is not the API's origin ${server.url}`) as unknown,
    });
    expect(seen).toEqual([{ key: 'a' }]);
    expect(evil.requests).toEqual([]);
  });
});

describe('Link header', () => {
  const link = (page: number, last: number) =>
    [page < last ? `<${server.url}/user/repos?per_page=2&page=${page + 1}>; rel="next"` : '', `<${server.url}/user/repos?per_page=2&page=${last}>; rel="last"`]
      .filter(Boolean)
      .join(', ');

  it('follows rel="next" with the same credentials until there is none, each page with its headers', async () => {
    reply = (req) => {
      const page = Number(query(req).get('page') ?? 1);
      return {
        status: 200,
        headers: { link: link(page, 3), 'x-ratelimit-remaining': String(60 - page) },
        body: [
          { id: page * 2 - 1, name: `r${page}a` },
          { id: page * 2, name: `r${page}b` },
        ],
      };
    };
    const c = await client('link-header', 'LinkedReposClient');
    const remaining: (string | null)[] = [];
    for await (const page of all(c, 'repos', 'listReposAll')({ per_page: 2 }).pagesWithResponse()) remaining.push(page.headers.get('x-ratelimit-remaining'));
    expect(remaining).toEqual(['59', '58', '57']);
    const sent = server.requests.slice(-3);
    expect(sent.map((r) => r.url)).toEqual(['/user/repos?per_page=2', '/user/repos?per_page=2&page=2', '/user/repos?per_page=2&page=3']);
    expect(sent.map((r) => r.headers.authorization)).toEqual(Array(3).fill('Bearer secret-token'));
    expect((await all(c, 'repos', 'listReposAll')({ per_page: 2 }).toArray()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads a rel among several values and a quoted comma before it', async () => {
    reply = (req) =>
      query(req).get('page') === null
        ? {
            status: 200,
            headers: { link: `</user/repos?page=1>; rel="prev first"; title="a, b", </user/repos?page=2>; rel="last next"` },
            body: [{ id: 1, name: 'a' }],
          }
        : { status: 200, body: [{ id: 2, name: 'b' }] };
    const c = await client('link-header', 'LinkedReposClient');
    expect((await all(c, 'repos', 'listReposAll')().toArray()).map((r) => r.name)).toEqual(['a', 'b']);
    expect(server.requests.at(-1)?.url).toBe('/user/repos?page=2');
  });

  it('stops on a link to the page it came from, even with new items', async () => {
    let n = 0;
    reply = (req) => ({ status: 200, headers: { link: `<${server.url}${req.url}>; rel="next"` }, body: [{ id: n++, name: 'a' }] });
    const c = await client('link-header', 'LinkedReposClient');
    const before = server.requests.length;
    expect(await all(c, 'repos', 'listReposAll')().toArray()).toHaveLength(1);
    expect(server.requests.length - before).toBe(1);
  });

  it('refuses a rel="next" on another origin: that server never sees a request or the token', async () => {
    reply = () => ({ status: 200, headers: { link: `<${evil.url}/user/repos?page=2>; rel="next"` }, body: [{ id: 1, name: 'a' }] });
    const c = await client('link-header', 'LinkedReposClient');
    await expect(all(c, 'repos', 'listReposAll')().toArray()).rejects.toMatchObject({ name: 'PaginationError', operationId: 'listRepos' });
    expect(evil.requests).toEqual([]);
  });
});
