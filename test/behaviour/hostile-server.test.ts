/**
 * The generated client against input it must refuse and servers that try to make it misbehave:
 * credentials no header can carry, timeouts out of range, path parameters that would leave their
 * path, unbounded or compressed bodies, cross-origin redirects, malformed Retry-After.
 */
import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ApiError,
  ConnectionError,
  InternalServerError,
  InvalidInputError,
  LaunchDarklyClient,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  TimeoutError,
  type LaunchDarklyClientOptions,
} from '../../generated/launchdarkly/src/index.js';
import { encodedBody, endlessBody, raw, sizedBody, startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { startServer, type LoopbackServer, type Reply } from '../helpers/loopback-server.js';

const SECRET = 's3cr3t-api-key';
const page = { items: [], totalCount: 0, _links: {} };

let server: LoopbackServer;
let reply: () => Reply | Promise<Reply> = () => ({ status: 200, body: page });
beforeAll(async () => {
  server = await startServer(() => reply());
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  reply = () => ({ status: 200, body: page });
});

const client = (options: LaunchDarklyClientOptions = {}) => new LaunchDarklyClient({ baseUrl: server.url, apiKey: SECRET, maxRetries: 0, ...options });

/** The call's error, checked to show no secret anywhere a user or a log would see it. */
async function failure(promise: Promise<unknown>, secret = SECRET): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the call to fail');
  for (const shown of [outcome.message, String(outcome.stack), inspect(outcome, { depth: 8 })]) expect(shown).not.toContain(secret);
  return outcome;
}

describe('input the client refuses before sending', () => {
  it.each(['\r\nX-Injected: 1', '\n', '\0', '☃'])('a credential holding %j is an InvalidInputError naming the problem, not the value', async (bad) => {
    const err = await failure(client({ apiKey: `${SECRET}${bad}` }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toBe('getTokens: the credential for ApiKey holds a line break, a NUL or a character above U+00FF, which an HTTP header cannot carry');
    expect(server.requests).toHaveLength(0);
  });

  it('a credential read from a function is checked the same way', async () => {
    const err = await failure(client({ apiKey: () => Promise.resolve(`${SECRET}\r\n`) }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(server.requests).toHaveLength(0);
  });

  it('a custom header holding CR/LF is refused by name, for the client and for one call', async () => {
    expect(() => client({ headers: { 'X-Api-Key': `${SECRET}\r\n` } })).toThrow(InvalidInputError);
    const err = await failure(client().accessTokens.getTokens({}, { headers: { 'X-Api-Key': `${SECRET}\n` } }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toContain('headers["X-Api-Key"]');
    expect(server.requests).toHaveLength(0);
  });

  it.each([NaN, -1, 0, '5000'])('timeoutMs %o is refused, for the client and for one call', async (timeoutMs) => {
    expect(() => client({ timeoutMs: timeoutMs as number })).toThrow(/^client option timeoutMs must be a number of milliseconds above 0, or Infinity/);
    const err = await failure(client().accessTokens.getTokens({}, { timeoutMs: timeoutMs as number }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toMatch(/^getTokens: option timeoutMs must be/);
    expect(server.requests).toHaveLength(0);
  });

  it('timeoutMs Infinity or past the timer limit lets a slow answer arrive', async () => {
    reply = () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: page }), 100));
    await expect(client({ timeoutMs: Infinity }).accessTokens.getTokens()).resolves.toEqual(page);
    await expect(client().accessTokens.getTokens({}, { timeoutMs: 2 ** 31 })).resolves.toEqual(page);
    await expect(client().accessTokens.getTokens({}, { timeoutMs: 1e12 })).resolves.toEqual(page);
    expect(server.requests).toHaveLength(3);
  });
});

describe('path parameters stay on their path', () => {
  it.each(['..', '.', '%2e%2e', ''])('deleteToken({ id: %j }) is refused and nothing reaches the server', async (id) => {
    reply = () => ({ status: 204 });
    const attempt = client().accessTokens.deleteToken({ id });
    if (id === '%2e%2e') {
      // A literal value is encoded and stays a value: the server sees it under /tokens/.
      await attempt;
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /api/v2/tokens/%252e%252e']);
      return;
    }
    const err = await failure(attempt);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ operationId: 'deleteToken' });
    expect(err.message).toMatch(/^deleteToken: path parameter "id" (makes the path segment "\.{1,2}"|is empty), which would send the call to another path/);
    expect(server.requests).toHaveLength(0);
  });

  it('a value with slashes and dots is one encoded segment', async () => {
    reply = () => ({ status: 204 });
    await client().accessTokens.deleteToken({ id: '../../admin' });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /api/v2/tokens/..%2F..%2Fadmin']);
  });

  it('the raw client is held to the same rule', async () => {
    await expect(client().raw.DELETE('/api/v2/tokens/{id}', { params: { path: { id: '..' } } })).rejects.toBeInstanceOf(InvalidInputError);
    expect(server.requests).toHaveLength(0);
  });

  it('gives the global fetch a URL string, and keeps the fetch given even when another is installed later', async () => {
    reply = () => ({ status: 204 });
    const real = globalThis.fetch;
    const inputs: unknown[] = [];
    const spy = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => (inputs.push(input), real(input, init));
    vi.stubGlobal('fetch', spy);
    try {
      await client().accessTokens.deleteToken({ id: 'a' });
      const given = client({ fetch: spy });
      const later = vi.fn(real);
      vi.stubGlobal('fetch', later);
      await given.accessTokens.deleteToken({ id: 'b' });
      expect(later).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(inputs.map((i) => typeof i)).toEqual(['string', 'string']);
    expect(server.requests.map((r) => r.url)).toEqual(['/api/v2/tokens/a', '/api/v2/tokens/b']);
  });

  it('a method honours the signal of a Request its middleware hands back, as well as its own', async () => {
    const controller = new AbortController();
    const withSignal = { onRequest: ({ request }: { request: Request }) => new Request(request, { signal: controller.signal }) };
    controller.abort(new Error('stopped by middleware'));
    const stopped = await failure(client({ middleware: [withSignal] }).accessTokens.deleteToken({ id: 'x' }));
    expect(stopped).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
    // The caller's own signal still counts beside it.
    const fresh = { onRequest: ({ request }: { request: Request }) => new Request(request, { signal: new AbortController().signal }) };
    const own = await failure(client({ middleware: [fresh] }).accessTokens.deleteToken({ id: 'x' }, { signal: AbortSignal.abort() }));
    expect(own).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("follows a middleware Request's signal without AbortSignal.any, and lets go of the caller's when the call ends", async () => {
    // Browsers before 2023 have no AbortSignal.any; nor does following two signals need it.
    const any = vi.spyOn(AbortSignal, 'any').mockImplementation(() => {
      throw new TypeError('AbortSignal.any is not a function');
    });
    try {
      const caller = new AbortController();
      const fresh = { onRequest: ({ request }: { request: Request }) => new Request(request, { signal: new AbortController().signal }) };
      await client({ middleware: [fresh] }).accessTokens.deleteToken({ id: 'x' }, { signal: caller.signal });
      expect(server.requests).toHaveLength(1);
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    } finally {
      any.mockRestore();
    }
  });

  it("the raw client honours the caller's abort signal, sending nothing once it has fired", async () => {
    const call = client().raw.DELETE('/api/v2/tokens/{id}', { params: { path: { id: 'x' } }, signal: AbortSignal.abort() });
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('response bodies are bounded', () => {
  const MiB = 1024 * 1024;
  let faults: FaultServer;
  let bomb: Buffer;
  beforeAll(async () => {
    faults = await startFaultServer();
    bomb = await gzipOfZeros(256 * MiB);
  });
  afterAll(() => faults.close());
  const faulty = (options: LaunchDarklyClientOptions = {}) => new LaunchDarklyClient({ baseUrl: faults.url, apiKey: SECRET, maxRetries: 2, ...options });

  it('a body past the default limit of 32 MiB is refused without reading it, and not retried', async () => {
    faults.script(sizedBody(200, 500 * MiB));
    const started = performance.now();
    const err = await failure(faulty().accessTokens.getTokens());
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect(err).toMatchObject({ status: 200, maxResponseBytes: 32 * MiB, operationId: 'getTokens', excerpt: 'y'.repeat(16 * 1024) });
    expect(err.message).toBe('getTokens: the response body is larger than the 33554432-byte limit (maxResponseBytes) and was not read');
    expect(faults.hits).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an endless body ends the call once past the limit, per client and per call', async () => {
    const endless = endlessBody();
    faults.script(endless.fault);
    await expect(faulty({ maxResponseBytes: MiB }).accessTokens.getTokens()).rejects.toMatchObject({ name: 'ResponseTooLargeError', maxResponseBytes: MiB });
    await expect(faulty().accessTokens.getTokens({}, { maxResponseBytes: 2 * MiB })).rejects.toMatchObject({
      name: 'ResponseTooLargeError',
      maxResponseBytes: 2 * MiB,
    });
    // What the server got out before the client hung up: the limit, plus what sockets buffer.
    expect(endless.sent()).toBeLessThan(3 * MiB + 16 * MiB);
  });

  it('an endless body is stopped by the default limit too', async () => {
    const endless = endlessBody();
    faults.script(endless.fault);
    const err = await failure(faulty().accessTokens.getTokens());
    expect(err).toMatchObject({ name: 'ResponseTooLargeError', maxResponseBytes: 32 * MiB });
    expect(endless.sent()).toBeLessThan(32 * MiB + 16 * MiB);
  });

  it('a gzip bomb (256 MiB from 256 kB) is stopped after decompression reaches the limit', async () => {
    expect(bomb.length).toBeLessThan(300 * 1024);
    faults.script(encodedBody('gzip', bomb));
    const memory = watchMemory();
    const started = performance.now();
    const err = await failure(faulty().accessTokens.getTokens());
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect((err as ResponseTooLargeError).excerpt).toBe('\0'.repeat(16 * 1024));
    expect(performance.now() - started).toBeLessThan(10_000);
    // Far below the 256 MiB the body expands to: the limit and the decoder's buffers at most.
    expect(memory.peakGrowth()).toBeLessThan(128 * MiB);
  });

  it('a body within a raised limit arrives whole', async () => {
    faults.script(sizedBody(200, 3 * MiB));
    const err = await failure(faulty({ maxResponseBytes: 2 * MiB }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    // 3 MiB of 'y' is not JSON: within the limit it is read whole and fails to parse instead.
    await expect(faulty({ maxResponseBytes: 4 * MiB }).accessTokens.getTokens()).rejects.toMatchObject({ name: 'ResponseParseError' });
    await expect(faulty({ maxResponseBytes: Infinity }).accessTokens.getTokens()).rejects.toMatchObject({ name: 'ResponseParseError' });
  });

  it('an error keeps only an excerpt of a large text body', async () => {
    faults.script(raw(503, `<html>${'x'.repeat(2 * MiB)}</html>`));
    const err = await failure(faulty({ maxRetries: 0 }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(InternalServerError);
    const body = (err as InternalServerError).body as string;
    expect(body.startsWith(`<html>${'x'.repeat(100)}`)).toBe(true);
    const html = 2 * MiB + '<html></html>'.length;
    expect(body.endsWith(`… [${html - 16 * 1024} more characters not kept]`)).toBe(true);
    expect(body.length).toBeLessThan(17 * 1024);
  });
});

/** Samples the memory held in buffers every few milliseconds; `peakGrowth` is the most seen over the start. */
function watchMemory(): { peakGrowth: () => number } {
  const start = process.memoryUsage().arrayBuffers;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 2);
  return {
    peakGrowth: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      return peak - start;
    },
  };
}

/** `bytes` zeros, gzipped in a stream, so the test never holds them. */
async function gzipOfZeros(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => gzip.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= block.length) {
    if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(out);
}

describe('redirects never carry credentials or custom headers to another origin', () => {
  let other: LoopbackServer;
  beforeAll(async () => {
    other = await startServer((req) =>
      req.url.startsWith('/loop') ? { status: 302, headers: { location: `${server.url}/loop` } } : { status: 200, body: page },
    );
  });
  afterAll(() => other.close());
  beforeEach(() => {
    other.requests.length = 0;
  });
  const headers = { 'X-Api-Key': 'client-header-secret', 'X-Tenant': 'acme' };

  it('a 302 to another origin reaches it with no credential and no custom header', async () => {
    reply = () => ({ status: 302, headers: { location: `${other.url}/api/v2/tokens?moved=1` } });
    const result = await client({ headers }).accessTokens.getTokens({}, { headers: { 'X-Trace': 'call-header-secret' } });
    expect(result).toEqual(page);
    expect(server.requests[0]?.headers).toMatchObject({ authorization: SECRET, 'x-api-key': 'client-header-secret', 'x-trace': 'call-header-secret' });
    expect(other.requests).toHaveLength(1);
    const landed = other.requests[0];
    expect(landed?.url).toBe('/api/v2/tokens?moved=1');
    for (const name of ['authorization', 'x-api-key', 'x-tenant', 'x-trace', 'cookie']) expect(landed?.headers[name]).toBeUndefined();
    expect(landed?.headers['user-agent']).toMatch(/^@tokenkit\/launchdarkly\//);
    expect(JSON.stringify(landed)).not.toMatch(/secret|acme/);
  });

  it('a redirect within the origin keeps the credentials and headers', async () => {
    reply = () => (server.requests.length === 1 ? { status: 301, headers: { location: '/api/v2/tokens?page=2' } } : { status: 200, body: page });
    await expect(client({ headers }).accessTokens.getTokens()).resolves.toEqual(page);
    expect(server.requests.map((r) => r.url)).toEqual(['/api/v2/tokens', '/api/v2/tokens?page=2']);
    expect(server.requests[1]?.headers).toMatchObject({ authorization: SECRET, 'x-api-key': 'client-header-secret', 'x-tenant': 'acme' });
  });

  it('a 307 within the origin re-sends the method and body', async () => {
    const created = { _id: 'a'.repeat(24), ownerId: 'o', memberId: 'm', creationDate: 1, lastModified: 1, _links: {} };
    reply = () => (server.requests.length === 1 ? { status: 307, headers: { location: '/api/v2/tokens-moved' } } : { status: 201, body: created });
    await expect(client().accessTokens.postToken({ body: { name: 'ci', role: 'reader' } })).resolves.toMatchObject({ _id: created._id });
    expect(server.requests.map((r) => [r.method, r.url, r.body, r.headers['content-type']])).toEqual([
      ['POST', '/api/v2/tokens', '{"name":"ci","role":"reader"}', 'application/json'],
      ['POST', '/api/v2/tokens-moved', '{"name":"ci","role":"reader"}', 'application/json'],
    ]);
  });

  it('a 307 or 308 to another origin with a body is a RedirectError, and nothing is sent there', async () => {
    for (const status of [307, 308]) {
      reply = () => ({ status, headers: { location: `${other.url}/steal` } });
      const err = await failure(client().accessTokens.postToken({ body: { name: 'ci' } }));
      expect(err).toBeInstanceOf(RedirectError);
      expect(err.message).toBe(
        `postToken: the server redirected to another origin (${other.url}) with ${status}, which would re-send the request body there; the client does not`,
      );
    }
    expect(other.requests).toHaveLength(0);
  });

  it('a 303 after a POST is followed to another origin as a bare GET', async () => {
    reply = () => ({ status: 303, headers: { location: `${other.url}/api/v2/tokens` } });
    await client({ headers })
      .accessTokens.postToken({ body: { name: 'ci' } })
      .catch(() => undefined);
    expect(other.requests.map((r) => [r.method, r.body, r.headers['content-type'], r.headers.authorization, r.headers['x-api-key']])).toEqual([
      ['GET', '', undefined, undefined, undefined],
    ]);
  });

  it('a redirect loop between the origins ends with a RedirectError, not retried', async () => {
    reply = () => ({ status: 302, headers: { location: `${other.url}/loop` } });
    const err = await failure(client({ maxRetries: 2 }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(RedirectError);
    expect(err.message).toBe('getTokens: more than 20 redirects');
    expect(server.requests.length + other.requests.length).toBe(21);
  });
});

describe('a malformed Retry-After is not a wait', () => {
  it.each<[string, number | undefined]>([
    ['7', 7000],
    ['-5', undefined],
    ['3, 4', undefined],
    ['1.5', undefined],
    ['Wed, 21 Oct 2015 07:28:00', undefined],
  ])('Retry-After: %s gives retryAfterMs %s', async (value, expected) => {
    reply = () => ({ status: 429, headers: { 'retry-after': value }, body: {} });
    const err = await failure(client({ maxRetries: 0 }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(RateLimitError);
    // Undefined, the call backs off on its own; Date.parse read each of these as a past date, a wait of 0.
    expect((err as RateLimitError).retryAfterMs).toBe(expected);
  });
});

describe('responses fetch hands on that a Response could not hold', () => {
  it('a status past 599 is an ApiError with that status, not retried', async () => {
    reply = () => ({ status: 999, body: { message: 'odd' } });
    const err = await failure(client({ maxRetries: 2 }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(999);
    expect(server.requests).toHaveLength(1);
  });

  it('headers past the runtime’s limit are a ConnectionError saying so, not retried', async () => {
    reply = () => ({ status: 200, headers: { 'x-big': 'a'.repeat(17_000) }, body: page });
    const err = await failure(client({ maxRetries: 2 }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toBe('getTokens: connection failed (response headers too large, UND_ERR_HEADERS_OVERFLOW)');
    expect(server.requests).toHaveLength(1);
  });

  it('a redirect to a URL with user info is a RedirectError, not retried', async () => {
    reply = () => ({ status: 302, headers: { location: `${server.url.replace('http://', 'http://u:p@')}/elsewhere` } });
    const err = await failure(client({ maxRetries: 2 }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(RedirectError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('a secret function within the timeout', () => {
  it('shares one attempt’s timeout with the request it authorises', async () => {
    reply = () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: page }), 250));
    const slowKey = () => new Promise<string>((resolve) => setTimeout(() => resolve(SECRET), 250));
    const err = await failure(client({ apiKey: slowKey, timeoutMs: 400 }).accessTokens.getTokens());
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toBe('getTokens: no complete response within 400 ms');
  });
});
