/**
 * The client under every generated one: what it hands the transport (an Outgoing request, or a
 * `Request` when middleware or a per-call fetch needs one), openapi-fetch's middleware contract, and
 * how it reads a response into `{ data }` or `{ error }`.
 */
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { credentialAuth } from './auth.js';
import { createHttpClient, type Outgoing, type Send } from './http-client.js';
import { defaultPathSerializer } from 'openapi-fetch';
import { DEFAULT_MAX_RESPONSE_BYTES } from './read-body.js';
import { DEFAULT_RETRY } from './retry.js';
import { sendWithRetries, type TransportConfig } from './transport.js';

interface Paths {
  // A route told apart by a fragment, as 311 of APIs.guru's AWS specs write them.
  '/roles/{id}#account_id': {
    get: {
      parameters: { query: { account_id: string }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': { id: string } } } };
    };
  };
  '/things/{id}': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: { tags?: string[] }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': { id: string } } } };
    };
    put: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 204: { headers: Record<string, unknown>; content?: never } };
    };
    head: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content?: never } };
    };
  };
}

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function client(send: Send, headers?: Record<string, string>) {
  return createHttpClient<Paths>({ baseUrl: 'https://api.test/v1/', headers, pathSerializer: defaultPathSerializer, send });
}

describe('what the client hands the transport', () => {
  it('sends an Outgoing request, not a Request, when nothing needs one', async () => {
    const sent: (Request | Outgoing)[] = [];
    const c = client(async (r) => (sent.push(r), json({ id: '1' })), { 'X-Client': 'c' });
    const { data } = await c.GET('/things/{id}', {
      params: { path: { id: 'a b' }, query: { tags: ['x', 'y'] } },
      headers: { 'X-Call': 'k' },
      cache: 'no-store',
    });
    expect(data).toEqual({ id: '1' });
    const [out] = sent;
    expect(out).not.toBeInstanceOf(Request);
    expect(out?.url).toBe('https://api.test/v1/things/a%20b?tags=x&tags=y');
    expect(out?.method).toBe('GET');
    expect([out?.headers.get('x-client'), out?.headers.get('x-call'), out?.headers.get('content-type')]).toEqual(['c', 'k', null]);
    expect(out?.body).toBeNull();
    // Other RequestInit fields ride along for fetch.
    expect((out as Outgoing).init).toEqual({ cache: 'no-store' });
  });

  it('sends no fragment of a route key: the query follows the path', async () => {
    const sent: (Request | Outgoing)[] = [];
    const c = client(async (r) => (sent.push(r), json({ id: '1' })));
    await c.GET('/roles/{id}#account_id', { params: { path: { id: 'r1' }, query: { account_id: '123' } } });
    expect(sent[0]?.url).toBe('https://api.test/v1/roles/r1?account_id=123');
  });

  it('serialises a JSON body with its Content-Type', async () => {
    const sent: (Request | Outgoing)[] = [];
    const c = client(async (r) => (sent.push(r), new Response(null, { status: 204 })));
    const { data, error } = await c.PUT('/things/{id}', { params: { path: { id: '1' } }, body: { name: 'n' } });
    expect([data, error]).toEqual([undefined, undefined]);
    expect(sent[0]?.body).toBe('{"name":"n"}');
    expect(sent[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('hands a stream body over as a Request, which the transport can read once and send again', async () => {
    const sent: (Request | Outgoing)[] = [];
    const c = client(async (r) => (sent.push(r), new Response(null, { status: 204 })));
    const stream = new Blob(['raw']).stream();
    await c.PUT('/things/{id}', { params: { path: { id: '1' } }, body: stream as never, bodySerializer: (b: unknown) => b, duplex: 'half' } as never);
    expect(sent[0]).toBeInstanceOf(Request);
    expect(await (sent[0] as Request).text()).toBe('raw');
  });

  it.each([
    [
      'an async iterable',
      async function* () {
        yield new TextEncoder().encode('raw');
      },
    ],
    ['bytes, which could change while a retry waits', () => new TextEncoder().encode('raw')],
  ])('hands %s over as a Request, read once', async (_label, make) => {
    const sent: (Request | Outgoing)[] = [];
    const c = client(async (r) => (sent.push(r), new Response(null, { status: 204 })));
    await c.PUT('/things/{id}', { params: { path: { id: '1' } }, body: make() as never, bodySerializer: (b: unknown) => b, duplex: 'half' } as never);
    expect(sent[0]).toBeInstanceOf(Request);
    expect(await (sent[0] as Request).text()).toBe('raw');
  });

  it('resolves a relative base URL against the page, as a browser resolves a Request’s', async () => {
    vi.stubGlobal('location', { href: 'https://app.test/app/page' });
    try {
      const sent: (Request | Outgoing)[] = [];
      const c = createHttpClient<Paths>({ baseUrl: '/api', pathSerializer: defaultPathSerializer, send: async (r) => (sent.push(r), json({ id: '1' })) });
      await c.GET('/things/{id}', { params: { path: { id: '1' } } });
      expect(sent[0]?.url).toBe('https://app.test/api/things/1');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('needs no ReadableStream global (React Native, some test environments)', async () => {
    const reply = json({ id: '1' });
    vi.stubGlobal('ReadableStream', undefined);
    try {
      const { data } = await client(async () => reply).GET('/things/{id}', { params: { path: { id: '1' } } });
      expect(data).toEqual({ id: '1' });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sends through a per-call fetch as openapi-fetch does, with a Request and not through the transport', async () => {
    const send = vi.fn<Send>();
    const own = vi.fn(async (_r: Request) => json({ id: '2' }));
    const { data } = await client(send).GET('/things/{id}', { params: { path: { id: '2' } }, fetch: own });
    expect(data).toEqual({ id: '2' });
    expect(send).not.toHaveBeenCalled();
    expect(own.mock.calls[0]?.[0]).toBeInstanceOf(Request);
    expect(own.mock.calls[0]?.[0].url).toBe('https://api.test/v1/things/2');
  });
});

describe('middleware, as openapi-fetch documents it', () => {
  it('runs onRequest in order and onResponse in reverse, on a Request they may replace', async () => {
    const order: string[] = [];
    const sent: (Request | Outgoing)[] = [];
    const c = client(async (r) => (sent.push(r), json({ id: 'x' })));
    const tag = (name: string): Middleware => ({
      onRequest: ({ request, schemaPath, params, id, options }) => {
        order.push(`req ${name} ${schemaPath} ${JSON.stringify(params.path)} ${String(id.length > 0)} ${options.parseAs}`);
        const next = new Request(request);
        next.headers.append('X-Seen', name);
        return next;
      },
      onResponse: () => {
        order.push(`res ${name}`);
        return name === 'a' ? json({ id: 'replaced' }) : undefined;
      },
    });
    c.use(tag('a'), tag('b'));
    const { data } = await c.GET('/things/{id}', { params: { path: { id: '1' } } });
    expect(order).toEqual(['req a /things/{id} {"id":"1"} true json', 'req b /things/{id} {"id":"1"} true json', 'res b', 'res a']);
    expect(sent[0]).toBeInstanceOf(Request);
    expect(sent[0]?.headers.get('x-seen')).toBe('a, b');
    expect(data).toEqual({ id: 'replaced' });
  });

  it('ends the call with a Response from onRequest, sending nothing and running no onResponse', async () => {
    const send = vi.fn<Send>();
    const onResponse = vi.fn();
    const c = client(send);
    c.use({ onRequest: () => json({ id: 'cached' }), onResponse });
    expect((await c.GET('/things/{id}', { params: { path: { id: '1' } } })).data).toEqual({ id: 'cached' });
    expect(send).not.toHaveBeenCalled();
    expect(onResponse).not.toHaveBeenCalled();
  });

  it('lets onError recover with a Response or replace the error, in reverse order', async () => {
    const failing: Send = () => Promise.reject(new TypeError('fetch failed'));
    const c = client(failing);
    const seen: unknown[] = [];
    const recover: Middleware = { onError: ({ error }) => (seen.push(error), json({ id: 'fallback' })) };
    const wrap: Middleware = { onError: ({ error }) => (seen.push(error), new Error('wrapped', { cause: error })) };
    c.use(recover, wrap);
    expect((await c.GET('/things/{id}', { params: { path: { id: '1' } } })).data).toEqual({ id: 'fallback' });
    expect(seen.map((e) => (e as Error).message)).toEqual(['fetch failed', 'wrapped']);
    c.eject(recover);
    await expect(c.GET('/things/{id}', { params: { path: { id: '1' } } })).rejects.toThrow('wrapped');
    c.eject(wrap);
    await expect(c.GET('/things/{id}', { params: { path: { id: '1' } } })).rejects.toThrow('fetch failed');
  });

  it('refuses middleware of the wrong shape and wrong return values', async () => {
    const c = client(async () => json({ id: '1' }));
    expect(() => c.use({} as Middleware)).toThrow(/Middleware must be an object/);
    c.use({ onRequest: () => 'nope' as never });
    await expect(c.GET('/things/{id}', { params: { path: { id: '1' } } })).rejects.toThrow(/onRequest: must return/);
    const d = client(async () => json({ id: '1' }));
    d.use({ onResponse: () => 'nope' as never });
    await expect(d.GET('/things/{id}', { params: { path: { id: '1' } } })).rejects.toThrow(/onResponse: must return/);
  });

  it('passes over what openapi-fetch passes over: a hole among middleware, a falsy onResponse result', async () => {
    const c = client(async () => json({ id: '1' }));
    c.use({ onResponse: () => null as never });
    const { data } = await c.GET('/things/{id}', { params: { path: { id: '1' } }, middleware: [undefined as never, { onResponse: () => false as never }] });
    expect(data).toEqual({ id: '1' });
  });

  it('puts init keys a Request has no field for on the Request middleware sees, as openapi-fetch does', async () => {
    const seen: unknown[] = [];
    const c = client(async () => json({ id: '1' }));
    c.use({ onRequest: ({ request }) => void seen.push((request as unknown as { next?: unknown }).next) });
    await c.GET('/things/{id}', { params: { path: { id: '1' } }, next: { revalidate: 60 } } as never);
    expect(seen).toEqual([{ revalidate: 60 }]);
  });

  it('adds per-call middleware after the client’s', async () => {
    const order: string[] = [];
    const c = client(async () => json({ id: '1' }));
    c.use({ onRequest: () => void order.push('client') });
    await c.GET('/things/{id}', { params: { path: { id: '1' } }, middleware: [{ onRequest: () => void order.push('call') }] });
    expect(order).toEqual(['client', 'call']);
  });
});

describe('reading the response', () => {
  const get = (response: Response, init: Record<string, unknown> = {}) =>
    client(async () => response).GET('/things/{id}', { params: { path: { id: '1' } }, ...init } as never) as Promise<{ data?: unknown; error?: unknown }>;

  it.each([
    ['a 204', new Response(null, { status: 204 })],
    ['an empty body with Content-Length 0', new Response('', { status: 200, headers: { 'content-length': '0' } })],
    ['an empty JSON body', new Response('', { status: 200 })],
  ])('gives no data for %s', async (_label, response) => {
    expect((await get(response)).data).toBeUndefined();
  });

  it('gives nothing for a HEAD', async () => {
    const { data } = await client(async () => json({ id: '1' })).HEAD('/things/{id}', { params: { path: { id: '1' } } });
    expect(data).toBeUndefined();
  });

  it('reads an error body as JSON when it parses, else as text', async () => {
    expect((await get(json({ message: 'no' }, 404))).error).toEqual({ message: 'no' });
    expect((await get(new Response('<html>down</html>', { status: 502 }))).error).toBe('<html>down</html>');
  });

  it('reads a success body as parseAs says', async () => {
    expect((await get(new Response('plain'), { parseAs: 'text' })).data).toBe('plain');
    const blob = (await get(new Response('bytes', { headers: { 'content-type': 'image/png' } }), { parseAs: 'blob' })).data as Blob;
    expect([blob.type, await blob.text()]).toEqual(['image/png', 'bytes']);
    const stream = (await get(new Response('s'), { parseAs: 'stream' })).data as ReadableStream;
    expect(await new Response(stream).text()).toBe('s');
  });

  it('rejects a success body that is not the JSON it claims to be with a SyntaxError', async () => {
    await expect(get(new Response('{oops', { headers: { 'content-type': 'application/json' } }))).rejects.toBeInstanceOf(SyntaxError);
  });
});

describe('the transport with an Outgoing request', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function config(overrides: Partial<TransportConfig>): TransportConfig {
    return {
      fetch: (r, i) => globalThis.fetch(r, i),
      forwardsInit: true,
      direct: (url, init) => globalThis.fetch(url, init),
      auth: credentialAuth,
      schemes: { key: { type: 'apiKey', in: 'header', name: 'Authorization' } },
      credentials: { key: 'secret' },
      userAgent: 'test/1',
      timeoutMs: 60_000,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      retry: { ...DEFAULT_RETRY, maxRetries: 2 },
      sleep: () => Promise.resolve(),
      now: () => 0,
      random: () => 0,
      ...overrides,
    };
  }
  const outgoing = (body: BodyInit | null = null): Outgoing => ({
    url: 'https://api.test/v1/things/1',
    method: body === null ? 'GET' : 'PUT',
    headers: new Headers({ 'content-type': 'application/json' }),
    body,
    init: { cache: 'no-store' },
  });

  it('gives the global fetch the URL as a string, with auth, signal and the caller’s init', async () => {
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ ok: true }));
    const response = await sendWithRetries(config({}), outgoing(), { security: [['key']] });
    expect(await response.json()).toEqual({ ok: true });
    const [input, init] = spy.mock.calls[0] ?? [];
    expect(typeof input).toBe('string');
    expect(input).toBe('https://api.test/v1/things/1');
    const headers = init?.headers as Headers;
    expect([headers.get('authorization'), headers.get('user-agent')]).toEqual(['secret', 'test/1']);
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect([init?.redirect, init?.cache, init?.method]).toEqual(['manual', 'no-store', 'GET']);
  });

  it('sends a body again on every retry', async () => {
    const bodies: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      bodies.push(init?.body);
      return bodies.length < 3 ? new Response(null, { status: 503 }) : new Response(null, { status: 204 });
    });
    const response = await sendWithRetries(config({}), outgoing('{"name":"n"}'), { security: [['key']] });
    expect(response.status).toBe(204);
    expect(bodies).toEqual(['{"name":"n"}', '{"name":"n"}', '{"name":"n"}']);
  });

  it('gives any other fetch a Request, as its contract says', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    const seen: Request[] = [];
    const own = async (request: Request, init?: RequestInit): Promise<Response> => (seen.push(new Request(request, init)), json({ ok: true }));
    await sendWithRetries(config({ fetch: own, direct: undefined }), outgoing(), { security: [['key']] });
    await sendWithRetries(config({ fetch: own, direct: undefined }), outgoing('{"a":1}'), { security: [['key']] });
    expect(spy).not.toHaveBeenCalled();
    expect(seen.map((r) => [r.url, r.method, r.headers.get('authorization'), r.cache])).toEqual([
      ['https://api.test/v1/things/1', 'GET', 'secret', 'no-store'],
      ['https://api.test/v1/things/1', 'PUT', 'secret', 'no-store'],
    ]);
    expect(await seen[1]?.text()).toBe('{"a":1}');
  });

  it('keeps the fields of a Request middleware made when it copies one with a body', async () => {
    const seen: Request[] = [];
    const own = async (request: Request): Promise<Response> => (seen.push(request), json({ ok: true }));
    const built = new Request('https://api.test/v1/things/1', { method: 'PUT', body: '{}', credentials: 'include', cache: 'no-store', keepalive: true });
    await sendWithRetries(config({ fetch: own, forwardsInit: false, direct: undefined }), built, { security: [['key']] });
    expect([seen[0]?.credentials, seen[0]?.cache, seen[0]?.keepalive]).toEqual(['include', 'no-store', true]);
  });
});
