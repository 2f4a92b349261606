/**
 * The standalone functions over a package's core, driven over real HTTP against a loopback server:
 * they send what the client's methods send and keep every feature of them (auth, `.withResponse()`,
 * typed errors, retries, per-call timeouts, pagination).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getToken,
  getTokensAll,
  LaunchDarklyClient,
  LaunchDarklyCore,
  NotFoundError,
  postToken,
  TimeoutError,
  type Token,
} from '../../generated/launchdarkly/src/index.js';
import { IonosContainerRegistryCore, registriesTokensFindById } from '../../generated/ionos-container-registry/src/index.js';
import { QuayCore, listAppTokens } from '../../generated/quay/src/index.js';
import { startServer, type LoopbackServer, type Recorded, type Reply } from '../helpers/loopback-server.js';

let server: LoopbackServer;
let handler: (req: Recorded) => Reply | Promise<Reply> = () => ({ status: 200 });

beforeAll(async () => {
  server = await startServer((req) => handler(req));
});
afterAll(() => server.close());

const token = (id: string): Token => ({ _id: id, ownerId: 'o', memberId: 'm', creationDate: 1, lastModified: 2, _links: {} });
const core = (extra: Partial<ConstructorParameters<typeof LaunchDarklyCore>[0]> = {}) =>
  new LaunchDarklyCore({ baseUrl: server.url, apiKey: 'api-key-1', sleep: async () => undefined, ...extra });

function requestsOf<T>(run: () => Promise<T>): Promise<{ result: T; requests: Recorded[] }> {
  const before = server.requests.length;
  return run().then((result) => ({ result, requests: server.requests.slice(before) }));
}

describe('standalone functions', () => {
  it('send the request the client method sends, with its credentials', async () => {
    handler = () => ({ status: 200, body: token('t1') });
    const viaFunction = await requestsOf(() => getToken(core(), { id: 't/1' }));
    const viaMethod = await requestsOf(() => new LaunchDarklyClient({ baseUrl: server.url, apiKey: 'api-key-1' }).accessTokens.getToken({ id: 't/1' }));
    expect(viaFunction.result._id).toBe('t1');
    const [fn, method] = [viaFunction.requests[0], viaMethod.requests[0]];
    expect(fn?.method).toBe('GET');
    expect(fn?.url).toBe('/api/v2/tokens/t%2F1');
    expect(fn?.headers.authorization).toBe('api-key-1');
    expect(fn?.headers['user-agent']).toMatch(/^@tokenkit\/launchdarkly\//);
    expect({ method: fn?.method, url: fn?.url, auth: fn?.headers.authorization, ua: fn?.headers['user-agent'] }).toEqual({
      method: method?.method,
      url: method?.url,
      auth: method?.headers.authorization,
      ua: method?.headers['user-agent'],
    });
  });

  it('send a JSON body and give status and headers through .withResponse()', async () => {
    handler = () => ({ status: 201, headers: { 'x-request-id': 'req-9' }, body: token('new') });
    const { data, status, headers } = await postToken(core(), { body: { name: 'ci', role: 'reader' } }).withResponse();
    const req = server.requests.at(-1);
    expect(req?.method).toBe('POST');
    expect(JSON.parse(req?.body ?? '')).toEqual({ name: 'ci', role: 'reader' });
    expect(data._id).toBe('new');
    expect(status).toBe(201);
    expect(headers.get('x-request-id')).toBe('req-9');
  });

  it('throw the typed error of the status, with the operation', async () => {
    handler = () => ({ status: 404, body: { code: 'not_found', message: 'Unknown token' } });
    const err: unknown = await getToken(core(), { id: 'gone' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).operationId).toBe('getToken');
    expect((err as NotFoundError).status).toBe(404);
  });

  it("retry by the core's policy and honour per-call options", async () => {
    let calls = 0;
    handler = () => (++calls === 1 ? { status: 503 } : { status: 200, body: token('after-retry') });
    const { result, requests } = await requestsOf(() => getToken(core(), { id: 'r' }));
    expect(result._id).toBe('after-retry');
    expect(requests).toHaveLength(2);

    handler = () => ({ status: 503 });
    const before = server.requests.length;
    await expect(getToken(core(), { id: 'r' }, { maxRetries: 0 })).rejects.toMatchObject({ status: 503 });
    expect(server.requests.length - before).toBe(1);
  });

  it('end an attempt on its timeout', async () => {
    handler = () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: token('late') }), 400));
    await expect(getToken(core({ maxRetries: 0 }), { id: 'slow' }, { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('page through every item with the …All function', async () => {
    handler = (req) => {
      const offset = Number(new URL(req.url, server.url).searchParams.get('offset') ?? '0');
      const items = offset === 0 ? [token('a'), token('b')] : [token('c')];
      return { status: 200, body: { items, totalCount: 3 } };
    };
    const ids: string[] = [];
    for await (const item of getTokensAll(core(), { limit: 2 })) ids.push(item._id);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it("use each package's own auth over its own core", async () => {
    handler = () => ({ status: 200, body: { id: 'x', properties: {} } });
    await registriesTokensFindById(new IonosContainerRegistryCore({ baseUrl: server.url, username: 'u', password: 'p' }), {
      registryId: 'r1',
      tokenId: 't1',
    });
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);

    handler = () => ({ status: 200, body: { tokens: [] } });
    await listAppTokens(new QuayCore({ baseUrl: server.url, accessToken: 'quay-1' }));
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer quay-1');
  });
});
