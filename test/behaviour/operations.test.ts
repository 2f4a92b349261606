/**
 * Every operation of every generated client, driven over real HTTP against a loopback server:
 * method, URL with encoded path parameters, query serialisation, auth header, JSON body, typed result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IonosContainerRegistryClient } from '../../generated/ionos-container-registry/src/index.js';
import { LaunchDarklyClient } from '../../generated/launchdarkly/src/index.js';
import { QuayClient } from '../../generated/quay/src/index.js';
import { startServer, type LoopbackServer, type Reply } from '../helpers/loopback-server.js';
import launchdarklyPackage from '../../generated/launchdarkly/package.json' with { type: 'json' };

let server: LoopbackServer;
let nextReply: Reply = { status: 200 };

beforeAll(async () => {
  server = await startServer(() => nextReply);
});
afterAll(() => server.close());

function last() {
  const req = server.requests.at(-1);
  if (!req) throw new Error('no request reached the server');
  return { ...req, json: req.body === '' ? undefined : (JSON.parse(req.body) as unknown) };
}

const REGISTRY = '9d5a1c2e-7f40-4b8a-a3d1-5c6e7f809a1b';
const TOKEN = '3f4a9a4c-2b7e-4c1e-9a52-0f6b1d2c3e4f';
const ionosToken = {
  id: TOKEN,
  type: 'token',
  href: `/registries/${REGISTRY}/tokens/${TOKEN}`,
  metadata: { createdBy: 'me', createdByUserId: 'u1', createdDate: '2026-01-01T00:00:00Z', state: 'AVAILABLE' },
  properties: { name: 'ci-push', credentials: { username: 'ci-push', password: '' }, status: 'enabled', scopes: [] },
};

describe('IONOS Container Registry', () => {
  const basic = `Basic ${Buffer.from('user@example.com:pa:ss').toString('base64')}`;
  const client = () => new IonosContainerRegistryClient({ baseUrl: server.url, username: 'user@example.com', password: 'pa:ss' });

  it('registriesTokensGet sends offset and limit as query strings', async () => {
    nextReply = { status: 200, body: { _links: { next: '', previous: '', self: '' }, count: 1, limit: 10, offset: 5, total: 6, items: [ionosToken] } };
    const page = await client().tokens.registriesTokensGet({ registryId: REGISTRY, offset: '5', limit: '10' });
    const req = last();
    expect(req.method).toBe('GET');
    expect(req.url).toBe(`/registries/${REGISTRY}/tokens?offset=5&limit=10`);
    expect(req.headers.authorization).toBe(basic);
    expect(page.items?.[0]?.properties.name).toBe('ci-push');
    expect(page.total).toBe(6);
  });

  it('registriesTokensPost sends the JSON body and returns the one-time password', async () => {
    nextReply = {
      status: 201,
      headers: { location: `/registries/${REGISTRY}/tokens/${TOKEN}` },
      body: { ...ionosToken, properties: { ...ionosToken.properties, credentials: { username: 'ci-push', password: 's3cret' } } },
    };
    const created = await client().tokens.registriesTokensPost({ registryId: REGISTRY, body: { properties: { name: 'ci-push', status: 'enabled' } } });
    const req = last();
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/registries/${REGISTRY}/tokens`);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.json).toEqual({ properties: { name: 'ci-push', status: 'enabled' } });
    expect(created.properties.credentials.password).toBe('s3cret');
  });

  it('registriesTokensFindById uses a bearer token when one is given', async () => {
    nextReply = { status: 200, body: ionosToken };
    const bearer = new IonosContainerRegistryClient({ baseUrl: server.url, token: () => Promise.resolve('tok-123') });
    const token = await bearer.tokens.registriesTokensFindById({ registryId: REGISTRY, tokenId: TOKEN });
    const req = last();
    expect(req.method).toBe('GET');
    expect(req.url).toBe(`/registries/${REGISTRY}/tokens/${TOKEN}`);
    expect(req.headers.authorization).toBe('Bearer tok-123');
    expect(token.id).toBe(TOKEN);
  });

  it('registriesTokensPut replaces the token', async () => {
    nextReply = { status: 201, body: ionosToken };
    await client().tokens.registriesTokensPut({ registryId: REGISTRY, tokenId: TOKEN, body: { properties: { name: 'ci-push', expiryDate: null } } });
    const req = last();
    expect(req.method).toBe('PUT');
    expect(req.url).toBe(`/registries/${REGISTRY}/tokens/${TOKEN}`);
    expect(req.json).toEqual({ properties: { name: 'ci-push', expiryDate: null } });
  });

  it('registriesTokensPatch sends only the changed properties', async () => {
    nextReply = { status: 200, body: { ...ionosToken, properties: { ...ionosToken.properties, status: 'disabled' } } };
    const updated = await client().tokens.registriesTokensPatch({ registryId: REGISTRY, tokenId: TOKEN, body: { status: 'disabled' } });
    const req = last();
    expect(req.method).toBe('PATCH');
    expect(req.json).toEqual({ status: 'disabled' });
    expect(updated.properties.status).toBe('disabled');
  });

  it('registriesTokensDelete resolves to undefined on 204', async () => {
    nextReply = { status: 204 };
    await expect(client().tokens.registriesTokensDelete({ registryId: REGISTRY, tokenId: TOKEN })).resolves.toBeUndefined();
    expect(last().method).toBe('DELETE');
    expect(last().url).toBe(`/registries/${REGISTRY}/tokens/${TOKEN}`);
  });

  it('a 409 becomes a ConflictError carrying status and the parsed body', async () => {
    nextReply = { status: 409, body: { httpStatus: 409, messages: [{ errorCode: '409', message: 'name taken' }] } };
    const error = await client()
      .tokens.registriesTokensPost({ registryId: REGISTRY, body: { properties: { name: 'ci-push' } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConflictError', status: 409, operationId: 'registriesTokensPost', body: { httpStatus: 409 } });
    expect((error as Error).message).not.toContain('pa:ss');
  });
});

const quayToken = { uuid: 'a-b/c', title: 'CI', last_accessed: null, created: 'Mon, 20 Oct 2025 08:15:00 -0000', expiration: null };

describe('Quay', () => {
  const client = () => new QuayClient({ baseUrl: server.url, accessToken: 'oauth-abc' });

  it('listAppTokens serialises the boolean filter', async () => {
    nextReply = { status: 200, body: { tokens: [quayToken], only_expiring: true } };
    const list = await client().appSpecificTokens.listAppTokens({ expiring: true });
    const req = last();
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/api/v1/user/apptoken?expiring=true');
    expect(req.headers.authorization).toBe('Bearer oauth-abc');
    expect(list.tokens[0]?.title).toBe('CI');
    expect(list.only_expiring).toBe(true);
  });

  it('listAppTokens may be called with no arguments', async () => {
    nextReply = { status: 200, body: { tokens: [], only_expiring: null } };
    await client().appSpecificTokens.listAppTokens();
    expect(last().url).toBe('/api/v1/user/apptoken');
  });

  it('createAppToken accepts the 200 the server really sends', async () => {
    nextReply = { status: 200, body: { token: { ...quayToken, token_code: 'secret-code' } } };
    const created = await client().appSpecificTokens.createAppToken({ body: { title: 'CI' } });
    const req = last();
    expect(req.method).toBe('POST');
    expect(req.json).toEqual({ title: 'CI' });
    expect(created.token.token_code).toBe('secret-code');
  });

  it('getAppToken percent-encodes the path parameter', async () => {
    nextReply = { status: 200, body: { token: quayToken } };
    await client().appSpecificTokens.getAppToken({ token_uuid: 'a-b/c' });
    expect(last().url).toBe('/api/v1/user/apptoken/a-b%2Fc');
  });

  it('revokeAppToken sends DELETE', async () => {
    nextReply = { status: 204 };
    await expect(client().appSpecificTokens.revokeAppToken({ token_uuid: 'u1' })).resolves.toBeUndefined();
    expect(last().method).toBe('DELETE');
    expect(last().url).toBe('/api/v1/user/apptoken/u1');
  });

  it('a 404 becomes a NotFoundError with the ApiError body', async () => {
    nextReply = { status: 404, body: { status: 404, title: 'not_found', type: 'x', detail: 'Not Found' } };
    await expect(client().appSpecificTokens.getAppToken({ token_uuid: 'nope' })).rejects.toMatchObject({
      name: 'NotFoundError',
      status: 404,
      body: { title: 'not_found' },
    });
  });
});

const ldToken = {
  _id: '61095542756dba551110ae21',
  ownerId: 'o',
  memberId: 'm',
  creationDate: 1,
  lastModified: 2,
  _links: {},
  name: 'ci',
  role: 'reader',
  token: 'api-xyz',
};

describe('LaunchDarkly', () => {
  const client = () => new LaunchDarklyClient({ baseUrl: server.url, apiKey: 'api-key-1' });

  it('getTokens sends the raw key with no Bearer prefix and the query', async () => {
    nextReply = { status: 200, body: { items: [ldToken], totalCount: 1, _links: {} } };
    const page = await client().accessTokens.getTokens({ showAll: true, limit: 20, offset: 40 });
    const req = last();
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/api/v2/tokens?showAll=true&limit=20&offset=40');
    expect(req.headers.authorization).toBe('api-key-1');
    expect(req.headers['user-agent']).toBe(`@tokenkit/launchdarkly/${launchdarklyPackage.version}`);
    expect(page.items?.[0]?._id).toBe(ldToken._id);
  });

  it('postToken sends the body', async () => {
    nextReply = { status: 201, body: ldToken };
    const created = await client().accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
    expect(last().method).toBe('POST');
    expect(last().url).toBe('/api/v2/tokens');
    expect(last().json).toEqual({ name: 'ci', role: 'reader' });
    expect(created.token).toBe('api-xyz');
  });

  it('getToken reads one token', async () => {
    nextReply = { status: 200, body: ldToken };
    await client().accessTokens.getToken({ id: ldToken._id });
    expect(last().url).toBe(`/api/v2/tokens/${ldToken._id}`);
  });

  it('patchToken sends a JSON Patch array', async () => {
    nextReply = { status: 200, body: { ...ldToken, role: 'writer' } };
    const patched = await client().accessTokens.patchToken({ id: ldToken._id, body: [{ op: 'replace', path: '/role', value: 'writer' }] });
    expect(last().method).toBe('PATCH');
    expect(last().json).toEqual([{ op: 'replace', path: '/role', value: 'writer' }]);
    expect(patched.role).toBe('writer');
  });

  it('resetToken sends expiry in the query', async () => {
    nextReply = { status: 200, body: ldToken };
    await client().accessTokens.resetToken({ id: ldToken._id, expiry: 1767225600000 });
    expect(last().method).toBe('POST');
    expect(last().url).toBe(`/api/v2/tokens/${ldToken._id}/reset?expiry=1767225600000`);
  });

  it('deleteToken sends DELETE', async () => {
    nextReply = { status: 204 };
    await client().accessTokens.deleteToken({ id: ldToken._id });
    expect(last().method).toBe('DELETE');
    expect(last().url).toBe(`/api/v2/tokens/${ldToken._id}`);
  });

  it('never shows the key in inspect or JSON output', async () => {
    const { inspect } = await import('node:util');
    const c = client();
    expect(inspect(c, { depth: 10 })).not.toContain('api-key-1');
    expect(JSON.stringify(c)).not.toContain('api-key-1');
  });
});
