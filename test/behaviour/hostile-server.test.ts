/**
 * The generated client against input it must refuse and servers that try to make it misbehave:
 * credentials no header can carry, timeouts out of range, path parameters that would leave their
 * path, unbounded or compressed bodies, cross-origin redirects, malformed Retry-After.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError, LaunchDarklyClient, type LaunchDarklyClientOptions } from '../../generated/launchdarkly/src/index.js';
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
});
