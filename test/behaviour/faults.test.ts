/**
 * The client against a misbehaving server: each fault pins the error class, the number of attempts
 * and the wait. Backoff waits go through an injected sleep that records them, so nothing sleeps.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  InternalServerError,
  LaunchDarklyClient,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
  type LaunchDarklyClientOptions,
} from '../../generated/launchdarkly/src/index.js';
import { json, raw, resetMidBody, slowBody, slowHeaders, startFaultServer, type FaultServer } from '../helpers/fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const SECRET = 'api-secret-never-shown';
const page = { items: [], totalCount: 0, _links: {} };
const token = { _id: 'a'.repeat(24), ownerId: 'o', memberId: 'm', creationDate: 1, lastModified: 1, _links: {} };

function client(extra: LaunchDarklyClientOptions = {}) {
  const waits: number[] = [];
  const c = new LaunchDarklyClient({
    baseUrl: server.url,
    apiKey: SECRET,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...extra,
  });
  return { c, waits };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the call to fail');
  expect(inspect(outcome, { depth: 5 })).not.toContain(SECRET);
  expect(String(outcome.stack)).not.toContain(SECRET);
  return outcome;
}

describe('rate limits', () => {
  it('waits Retry-After seconds, then succeeds', async () => {
    server.script(json(429, { code: 'rate_limited', message: 'slow down' }, { 'retry-after': '2' }), json(200, page));
    const { c, waits } = client();
    await expect(c.accessTokens.getTokens()).resolves.toEqual(page);
    expect(server.hits).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    server.script(json(429, {}, { 'retry-after': new Date(Date.now() + 5000).toUTCString() }), json(200, page));
    const { c, waits } = client();
    await c.accessTokens.getTokens();
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(3000);
    expect(waits[0]).toBeLessThanOrEqual(5000);
  });

  it("honours LaunchDarkly's X-Ratelimit-Reset (epoch ms)", async () => {
    server.script(json(429, {}, { 'x-ratelimit-reset': String(Date.now() + 1500) }), json(200, page));
    const { c, waits } = client();
    await c.accessTokens.getTokens();
    expect(waits[0]).toBeGreaterThan(500);
    expect(waits[0]).toBeLessThanOrEqual(1500);
  });

  it('reads X-Ratelimit-Reset as epoch seconds or seconds from now when that is what its size says', async () => {
    server.script(
      json(429, {}, { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3) }),
      json(429, {}, { 'x-ratelimit-reset': '2' }),
      json(200, page),
    );
    const { c, waits } = client();
    await c.accessTokens.getTokens();
    expect(waits[0]).toBeGreaterThan(1000);
    expect(waits[0]).toBeLessThanOrEqual(3000);
    expect(waits[1]).toBe(2000);
  });

  it('fails at once when the server asks for a longer wait than the longest, instead of asking again early', async () => {
    server.script(json(429, { code: 'rate_limited', message: 'come back in an hour' }, { 'retry-after': '3600' }));
    const { c, waits } = client();
    const err = await failure(c.accessTokens.getTokens());
    expect(err).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    expect(server.hits).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  // LaunchDarkly and GitHub send the window's reset with every response; on a 5xx it asks for no wait.
  it('retries a 503 on its own backoff, not at the rate-limit reset the response also carries', async () => {
    for (const reset of [String(Date.now() + 120_000), String(Date.now() + 45_000)]) {
      server.script(json(503, {}, { 'x-ratelimit-reset': reset }), json(200, page));
      const { c, waits } = client();
      await expect(c.accessTokens.getTokens()).resolves.toEqual(page);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeLessThan(500);
    }
  });

  it('a 503 that asks for a longer wait than the longest fails at once, with retryAfterMs', async () => {
    server.script(json(503, { code: 'unavailable', message: 'maintenance' }, { 'retry-after': '3600' }));
    const { c, waits } = client();
    const err = await failure(c.accessTokens.getTokens());
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 503, retryAfterMs: 3_600_000 });
    expect(waits).toEqual([]);
  });

  it('retries a POST on 429, since the request was not processed', async () => {
    server.script(json(429, {}, { 'retry-after': '1' }), json(201, token));
    const { c } = client();
    await expect(c.accessTokens.postToken({ body: { role: 'reader' } })).resolves.toMatchObject({ _id: token._id });
    expect(server.hits).toEqual(['POST /api/v2/tokens', 'POST /api/v2/tokens']);
  });

  it('gives up after maxRetries with a RateLimitError carrying retryAfterMs and the typed body', async () => {
    server.script(json(429, { code: 'rate_limited', message: 'no' }, { 'retry-after': '7' }));
    const { c, waits } = client({ maxRetries: 1 });
    const err = await failure(c.accessTokens.getTokens());
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 7000, body: { code: 'rate_limited' }, operationId: 'getTokens' });
    expect(server.hits).toHaveLength(2);
    expect(waits).toEqual([7000]);
  });
});

describe('server errors', () => {
  it('has no body when the server sent none, chunked or not', async () => {
    server.script(
      (_req, res) => void res.writeHead(404, { 'content-type': 'application/json' }).end(),
      (_req, res) => void res.writeHead(404, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }).end(),
    );
    const { c } = client();
    for (let i = 0; i < 2; i++) expect(await failure(c.accessTokens.getToken({ id: 'x' }))).toMatchObject({ status: 404, body: undefined });
  });

  it('retries a GET after 503 and succeeds', async () => {
    server.script(json(503, {}), json(200, page));
    const { c, waits } = client();
    await expect(c.accessTokens.getTokens()).resolves.toEqual(page);
    expect(server.hits).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThan(500);
  });

  it('does not retry a failing POST', async () => {
    server.script(json(503, { code: 'unavailable', message: 'down' }));
    const { c } = client();
    const err = await failure(c.accessTokens.postToken({ body: {} }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(server.hits).toHaveLength(1);
  });

  it('turns an HTML 502 from a proxy into InternalServerError with the raw text', async () => {
    server.script(raw(502, '<html><body>Bad gateway</body></html>'));
    const { c, waits } = client();
    const err = await failure(c.accessTokens.getToken({ id: 'x' }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 502, body: '<html><body>Bad gateway</body></html>' });
    expect(server.hits).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('turns a 200 with malformed JSON into ResponseParseError with the raw text', async () => {
    server.script(raw(200, '{"items": [', 'application/json'));
    const { c } = client();
    const err = await failure(c.accessTokens.getTokens());
    expect(err).toBeInstanceOf(ResponseParseError);
    expect(err).toMatchObject({ status: 200, body: '{"items": [' });
  });

  it('turns a 200 with no body where the operation declares one into ResponseParseError, chunked or not, paginated too', async () => {
    const empty = (chunked: boolean) => (_req: unknown, res: import('node:http').ServerResponse) =>
      void res.writeHead(200, { 'content-type': 'application/json', ...(chunked ? { 'transfer-encoding': 'chunked' } : {}) }).end();
    const { c } = client();
    for (const chunked of [false, true]) {
      server.script(empty(chunked));
      expect(await failure(c.accessTokens.getToken({ id: 'x' }))).toBeInstanceOf(ResponseParseError);
      server.script(empty(chunked));
      expect(await failure(c.accessTokens.getTokensAll().toArray())).toBeInstanceOf(ResponseParseError);
      // An operation that declares no body takes none, whatever the content type says.
      server.script(empty(chunked));
      await expect(c.accessTokens.deleteToken({ id: 'x' })).resolves.toBeUndefined();
    }
  });
});

describe('network faults', () => {
  it('a connection reset mid-body is a ConnectionError after the retries', async () => {
    server.script(resetMidBody);
    const { c } = client({ maxRetries: 2 });
    const err = await failure(c.accessTokens.getTokens());
    expect(err).toBeInstanceOf(ConnectionError);
    expect(server.hits).toHaveLength(3);
  });

  it('slow headers past the timeout give a TimeoutError in time', async () => {
    server.script(slowHeaders(5000));
    const { c } = client({ timeoutMs: 150, maxRetries: 0 });
    const started = performance.now();
    const err = await failure(c.accessTokens.getTokens());
    expect(err).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a slow body past the per-call timeout gives a TimeoutError', async () => {
    server.script(slowBody(5000));
    const { c } = client({ maxRetries: 0 });
    const started = performance.now();
    const err = await failure(c.accessTokens.getTokens({}, { timeoutMs: 150 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("the caller's signal aborts a backoff wait at once", async () => {
    server.script(json(429, {}, { 'retry-after': '30' }));
    const c = new LaunchDarklyClient({ baseUrl: server.url, apiKey: SECRET });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const err = await failure(c.accessTokens.getTokens({}, { signal: controller.signal }));
    expect(err).toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(server.hits).toHaveLength(1);
  });

  it('a refused connection is a ConnectionError', async () => {
    const c = new LaunchDarklyClient({ baseUrl: 'http://127.0.0.1:1', apiKey: SECRET, maxRetries: 0 });
    expect(await failure(c.accessTokens.getTokens())).toBeInstanceOf(ConnectionError);
  });
});

describe('middleware', () => {
  it('runs once per call above the retries, and sees error responses too', async () => {
    const seen: string[] = [];
    const middleware = {
      onRequest: () => {
        seen.push('request');
        return undefined;
      },
      onResponse: ({ response }: { response: Response }) => {
        seen.push(`response ${response.status}`);
        return undefined;
      },
    };
    server.script(json(503, {}), json(200, page));
    const { c } = client({ middleware: [middleware] });
    await c.accessTokens.getTokens();
    expect(server.hits).toHaveLength(2);
    server.script(json(404, { code: 'not_found', message: 'x' }));
    await expect(c.accessTokens.getToken({ id: 'x' })).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(seen).toEqual(['request', 'response 200', 'request', 'response 404']);
  });
});

describe('middleware reading the response', () => {
  it('may clone it and read the clone, and the call still gets its body', async () => {
    const logged: unknown[] = [];
    const middleware = {
      onResponse: async ({ response }: { response: Response }) => {
        expect(response).toBeInstanceOf(Response);
        expect(response.headers.get('content-type')).toContain('application/json');
        logged.push(await response.clone().json());
        return undefined;
      },
    };
    server.script(json(200, page));
    const { c } = client({ middleware: [middleware] });
    const result = await c.accessTokens.getTokens();
    expect(result.items).toHaveLength(page.items.length);
    expect(logged).toEqual([page]);
  });

  it('may replace it with a response of its own', async () => {
    const middleware = {
      onResponse: async ({ response }: { response: Response }) => {
        const body = (await response.json()) as typeof page;
        return new Response(JSON.stringify({ ...body, totalCount: 99 }), { status: response.status, headers: response.headers });
      },
    };
    server.script(json(200, page));
    const { c } = client({ middleware: [middleware] });
    expect((await c.accessTokens.getTokens()).totalCount).toBe(99);
  });
});

describe('bodies', () => {
  it('an empty 204 resolves to undefined', async () => {
    server.script((_req, res) => res.writeHead(204).end());
    const { c } = client();
    await expect(c.accessTokens.deleteToken({ id: 'x' })).resolves.toBeUndefined();
  });

  // deleteToken declares only a 204: a 2xx with a body of any kind still means the token is gone.
  it.each([
    ['text', raw(200, 'Deleted', 'text/plain')],
    ['JSON', json(200, { deleted: true })],
  ])('a call that declares no success body resolves to undefined when a 200 brings %s', async (_label, reply) => {
    server.script(reply);
    const { c } = client();
    await expect(c.accessTokens.deleteToken({ id: 'x' })).resolves.toBeUndefined();
  });

  it('a 205 (Reset Content, which has none) resolves where a body is declared', async () => {
    server.script((_req, res) => res.writeHead(205).end());
    const { c } = client();
    await expect(c.accessTokens.getToken({ id: 'x' })).resolves.toBeUndefined();
  });

  it('a large body arrives whole', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ ...token, _id: String(i).padStart(24, '0'), name: 'x'.repeat(100) }));
    server.script(json(200, { items, totalCount: items.length, _links: {} }));
    const { c } = client();
    const result = await c.accessTokens.getTokens();
    expect(result.items).toHaveLength(20_000);
  });
});
