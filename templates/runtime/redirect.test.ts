/**
 * Redirects: the next hop's method, body and headers for each status and origin, and the transport
 * following them over real HTTP between two loopback origins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialAuth } from './auth.js';
import { startServer, type LoopbackServer, type Reply } from '../../test/helpers/loopback-server.js';
import { RedirectError } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './read-body.js';
import { MAX_REDIRECTS, nextHop, type Hop } from './redirect.js';
import { DEFAULT_RETRY } from './retry.js';
import { sendWithRetries, type TransportConfig } from './transport.js';

const API = 'https://api.example.com/v1/things?x=1';
const body = new TextEncoder().encode('{"name":"x"}').buffer;

function hop(method: string, withBody = false): Hop {
  const headers = new Headers({
    Accept: 'application/json',
    'User-Agent': 'test/1',
    Authorization: 'Bearer s3cr3t',
    'X-Api-Key': 's3cr3t',
    'X-Custom': 'c',
    Cookie: 'sid=1',
  });
  if (withBody) headers.set('Content-Type', 'application/json');
  return { url: API, method, headers, body: withBody ? body : null };
}

const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } });
const names = (h: Headers) => {
  const out: string[] = [];
  h.forEach((_v, k) => out.push(k));
  return out.sort();
};

describe('nextHop', () => {
  it.each([301, 302, 303, 307, 308])('%i to the same origin keeps every header, relative Location resolved', (status) => {
    const next = nextHop(hop('GET'), redirect(status, '/v2/things'), 0, [], 'op');
    expect(next.url).toBe('https://api.example.com/v2/things');
    expect(next.method).toBe('GET');
    expect(names(next.headers)).toEqual(['accept', 'authorization', 'cookie', 'user-agent', 'x-api-key', 'x-custom']);
  });

  it.each([301, 302, 303, 307, 308])('%i to another origin keeps only Accept and User-Agent', (status) => {
    const next = nextHop(hop('GET'), redirect(status, 'https://cdn.example.net/blob'), 0, [], 'op');
    expect(next.url).toBe('https://cdn.example.net/blob');
    expect(names(next.headers)).toEqual(['accept', 'user-agent']);
  });

  it.each<[number, string, string, boolean]>([
    [301, 'POST', 'GET', false],
    [302, 'POST', 'GET', false],
    [303, 'POST', 'GET', false],
    [303, 'PUT', 'GET', false],
    [301, 'PUT', 'PUT', true],
    [302, 'DELETE', 'DELETE', true],
    [307, 'POST', 'POST', true],
    [308, 'PATCH', 'PATCH', true],
  ])('%i after %s sends %s, body kept: %s', (status, method, expected, kept) => {
    const next = nextHop(hop(method, true), redirect(status, '/elsewhere'), 0, [], 'op');
    expect(next.method).toBe(expected);
    expect(next.body).toBe(kept ? body : null);
    expect(next.headers.has('content-type')).toBe(kept);
  });

  it('a 303 after a POST may go to another origin, as a GET without body or credentials', () => {
    const next = nextHop(hop('POST', true), redirect(303, 'https://status.example.net/job/1'), 0, [], 'op');
    expect([next.method, next.body, names(next.headers)]).toEqual(['GET', null, ['accept', 'user-agent']]);
  });

  it('removes query credentials from a Location on another origin, and only there', () => {
    const echoed = '?api_key=s3cr3t&page=2';
    expect(nextHop(hop('GET'), redirect(302, `https://other.example.net/x${echoed}`), 0, ['api_key'], 'op').url).toBe('https://other.example.net/x?page=2');
    expect(nextHop(hop('GET'), redirect(302, `/x${echoed}`), 0, ['api_key'], 'op').url).toBe(`https://api.example.com/x${echoed}`);
  });

  it.each<[string, Response, number, string]>([
    [
      'a body to another origin',
      redirect(307, 'https://evil.example.net/'),
      0,
      'op: the server redirected to another origin (https://evil.example.net) with 307, which would re-send the request body there; the client does not',
    ],
    ['a scheme other than http(s)', redirect(302, 'file:///etc/passwd'), 0, 'op: the server redirected to a file: URL, which the client does not follow'],
    ['a Location that is not a URL', redirect(302, 'http://[bad'), 0, 'op: the server answered 302 with a Location that is not a URL'],
    ['one redirect too many', redirect(302, '/again'), MAX_REDIRECTS, 'op: more than 20 redirects'],
    [
      'a URL with user info',
      redirect(302, 'http://u:p@api.example.com/x'),
      0,
      'op: the server redirected to a URL holding user info, which the client does not follow',
    ],
  ])('refuses %s', (_what, response, redirects, message) => {
    const attempt = () => nextHop(hop('PUT', true), response, redirects, [], 'op');
    expect(attempt).toThrow(RedirectError);
    expect(attempt).toThrow(message);
  });

  it('refuses an opaque redirect, whose target a browser hides', () => {
    const opaque = new (class extends Response {
      override get type(): ResponseType {
        return 'opaqueredirect';
      }
    })(null, { status: 200 });
    expect(() => nextHop(hop('GET'), opaque, 0, [], 'op')).toThrow(
      'op: the server redirected, and this runtime does not show where to; call the final URL instead',
    );
  });
});

describe('following redirects between two origins', () => {
  let api: LoopbackServer;
  let other: LoopbackServer;
  let answer: () => Reply = () => ({ status: 204 });
  beforeAll(async () => {
    other = await startServer(() => ({ status: 200, body: { landed: true } }));
    api = await startServer(() => answer());
  });
  afterAll(async () => {
    await api.close();
    await other.close();
  });

  const config = (): TransportConfig => ({
    fetch: (request, init) => globalThis.fetch(request, init),
    forwardsInit: true,
    direct: undefined,
    auth: credentialAuth,
    schemes: { q: { type: 'apiKey', in: 'query', name: 'api_key' }, h: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
    credentials: { q: 's3cr3t-q', h: 's3cr3t-h' },
    userAgent: 'test/1',
    timeoutMs: 10_000,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    retry: { ...DEFAULT_RETRY, maxRetries: 0 },
    sleep: () => Promise.resolve(),
    now: Date.now,
    random: () => 0,
  });

  it('sends no credential, query or header, to the other origin, even one the server echoes', async () => {
    answer = () => ({ status: 302, headers: { location: `${other.url}/landing?api_key=s3cr3t-q&keep=1` } });
    other.requests.length = 0;
    const request = new Request(`${api.url}/things`, { headers: { 'X-Custom': 'mine', Accept: 'application/json' } });
    const response = await sendWithRetries(config(), request, { security: [['q', 'h']] });
    expect(await response.json()).toEqual({ landed: true });
    expect(api.requests.at(-1)?.url).toBe('/things?api_key=s3cr3t-q');
    expect(api.requests.at(-1)?.headers['x-api-key']).toBe('s3cr3t-h');
    const landed = other.requests[0];
    expect(landed?.url).toBe('/landing?keep=1');
    expect(landed?.headers['x-api-key']).toBeUndefined();
    expect(landed?.headers['x-custom']).toBeUndefined();
    expect(landed?.headers.accept).toBe('application/json');
    expect(JSON.stringify(landed)).not.toContain('s3cr3t');
  });
});
