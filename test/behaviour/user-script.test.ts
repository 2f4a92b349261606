/**
 * A user's script written from the package README, run against a misbehaving server with no test
 * hooks at all (real sleeps, real timers): the wait is honoured, the GET retried, the POST not, the
 * slow call times out, the 404 is typed, the iterator yields every token once, and the secret never
 * shows.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  InternalServerError,
  LaunchDarklyClient,
  NotFoundError,
  TimeoutError,
  type GetTokenError,
  type NotFoundErrorRep,
} from '../../generated/launchdarkly/src/index.js';
import { startServer, type LoopbackServer, type Reply } from '../helpers/loopback-server.js';

const SECRET = 'api-5f0e-user-script-secret';
const TOTAL = 23;
const tokens = Array.from({ length: TOTAL }, (_, i) => ({
  _id: i.toString(16).padStart(24, '0'),
  ownerId: 'o',
  memberId: 'm',
  creationDate: i,
  lastModified: i,
  _links: {},
}));

let server: LoopbackServer;
let listCalls = 0;
beforeAll(async () => {
  server = await startServer(async (req): Promise<Reply> => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'GET' && url.pathname === '/api/v2/tokens') {
      listCalls++;
      if (listCalls === 1) return { status: 429, headers: { 'retry-after': '1' }, body: { code: 'rate_limited', message: 'slow down' } };
      if (listCalls === 3) return { status: 503, body: { code: 'unavailable', message: 'try again' } };
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 25);
      return { status: 200, body: { items: tokens.slice(offset, offset + limit), totalCount: TOTAL, _links: {} } };
    }
    if (req.method === 'GET' && url.pathname === '/api/v2/tokens/slow') {
      await new Promise((r) => setTimeout(r, 1500));
      return { status: 200, body: tokens[0] };
    }
    if (req.method === 'POST') return { status: 500, body: { code: 'internal', message: 'boom' } };
    return { status: 404, body: { code: 'not_found', message: 'Invalid resource identifier' } };
  });
});
afterAll(() => server.close());

it('behaves as the README promises', async () => {
  const client = new LaunchDarklyClient({ apiKey: SECRET, baseUrl: server.url, timeoutMs: 500 });
  const errors: unknown[] = [];

  // Pagination: every token once, through a 429 with Retry-After and a 503 on the way.
  const started = Date.now();
  const seen: string[] = [];
  for await (const token of client.accessTokens.getTokensAll({ limit: 10 })) seen.push(token._id);
  const waited = Date.now() - started;
  expect(seen).toEqual(tokens.map((t) => t._id));
  expect(listCalls).toBe(5); // 429, page 1, 503, page 2 retried, page 3
  expect(waited).toBeGreaterThanOrEqual(1000);

  // A slow response: TimeoutError within the per-call timeout (and its retries).
  try {
    await client.accessTokens.getToken({ id: 'slow' }, { maxRetries: 0 });
  } catch (err) {
    errors.push(err);
    expect(err).toBeInstanceOf(TimeoutError);
  }

  // A failing POST is not retried.
  const postsBefore = server.requests.filter((r) => r.method === 'POST').length;
  try {
    await client.accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
  } catch (err) {
    errors.push(err);
    expect(err).toBeInstanceOf(InternalServerError);
  }
  expect(server.requests.filter((r) => r.method === 'POST').length - postsBefore).toBe(1);

  // A 404 with the typed body.
  try {
    await client.accessTokens.getToken({ id: 'missing' });
  } catch (err) {
    errors.push(err);
    // The operation's error union types the body by status.
    const e = err as GetTokenError;
    if (!(e instanceof NotFoundError)) throw err;
    const body: NotFoundErrorRep | string | undefined = e.body;
    expect(body).toEqual({ code: 'not_found', message: 'Invalid resource identifier' });
    expect(e.status).toBe(404);
  }

  expect(errors).toHaveLength(3);
  for (const err of errors) {
    expect(err).toBeInstanceOf(Error);
    expect(inspect(err, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(err)).not.toContain(SECRET);
  }
  expect(inspect(client, { depth: 10 })).not.toContain(SECRET);
  expect(JSON.stringify(client)).not.toContain(SECRET);
  expect(server.requests.every((r) => r.headers.authorization === SECRET)).toBe(true);
});
