/**
 * End-to-end scenarios: each generated client drives a stateful emulator of its vendor over real
 * HTTP through a token's whole life (create, page through the list, read, change, rotate, delete),
 * so the clients are checked against behaviour, not against canned replies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  AuthenticationError as IonosAuthenticationError,
  BadRequestError as IonosBadRequestError,
  ConflictError as IonosConflictError,
  IonosContainerRegistryClient,
  NotFoundError as IonosNotFoundError,
  type RegistriesTokensFindByIdError,
  type RegistriesTokensPostError,
  type TokensResponse,
} from '../../generated/ionos-container-registry/src/index.js';
import {
  AuthenticationError as LdAuthenticationError,
  BadRequestError as LdBadRequestError,
  LaunchDarklyClient,
  NotFoundError as LdNotFoundError,
  UnprocessableEntityError as LdUnprocessableEntityError,
  type AccessTokenPost,
  type GetTokenError,
  type PatchTokenError,
  type PostTokenError,
  type Tokens,
} from '../../generated/launchdarkly/src/index.js';
import {
  AuthenticationError as QuayAuthenticationError,
  BadRequestError as QuayBadRequestError,
  NotFoundError as QuayNotFoundError,
  QuayClient,
  type CreateAppTokenError,
  type GetAppTokenError,
  type NewToken,
} from '../../generated/quay/src/index.js';
import type { EmulatorServer } from '../emulators/http.js';
import { startIonosEmulator, type IonosEmulator } from '../emulators/ionos.js';
import { startLaunchDarklyEmulator, type LaunchDarklyEmulator } from '../emulators/launchdarkly.js';
import { rfc2822, startQuayEmulator, type QuayEmulator } from '../emulators/quay.js';

/** The error a call rejects with, typed as the operation's declared error union. */
async function failure<E>(call: Promise<unknown>): Promise<E> {
  try {
    await call;
  } catch (err) {
    return err as E;
  }
  throw new Error('expected the call to fail');
}

/** Fails the test unless `value` is a `type`, and narrows it so the typed body can be read. */
function assertIs<T>(value: unknown, type: abstract new (...args: never[]) => T): asserts value is T {
  expect(value).toBeInstanceOf(type);
}

/** How many requests of this method and path the emulator has received so far. */
function calls(server: EmulatorServer, method: string, path: string): number {
  return server.requests.filter((r) => r.method === method && r.path === path).length;
}

/** Sends a body that is not JSON, which no generated client can be made to do. */
async function sendNotJson(url: string, method: string, authorization: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method, headers: { authorization, 'content-type': 'application/json' }, body: '{"title": "unterminated' });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function allPages<P>(pages: AsyncIterable<P>): Promise<P[]> {
  const all: P[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('IONOS Container Registry against its emulator', () => {
  const credentials = { username: 'ops@example.com', password: 'pa:ss', bearerToken: 'ionos-api-token' };
  const clock = Date.parse('2026-03-01T09:00:00.000Z');
  let emulator: IonosEmulator;
  let client: IonosContainerRegistryClient;

  beforeAll(async () => {
    emulator = await startIonosEmulator({ ...credentials, now: () => clock });
    client = new IonosContainerRegistryClient({ baseUrl: emulator.url, username: credentials.username, password: credentials.password, maxRetries: 0 });
  });
  afterAll(() => emulator.close());

  it('creates, pages through, reads, updates, replaces and deletes a token', async () => {
    const registryId = randomUUID();
    const scopes = [{ name: 'app/*', type: 'repository', actions: ['pull', 'push'] }];
    const created = await client.tokens.registriesTokensPost({
      registryId,
      body: { properties: { name: 'ci-push', expiryDate: '2027-01-01T00:00:00Z', status: 'enabled', scopes } },
    });
    expect(created.properties.credentials.username).toBe('ci-push');
    expect(created.properties.credentials.password).toMatch(/^[\w-]{32}$/);
    expect(created.metadata).toMatchObject({ createdBy: credentials.username, createdDate: new Date(clock).toISOString(), state: 'AVAILABLE' });
    const tokenId = created.id!;

    const seeded = emulator.seed(registryId, 55);
    const listPath = `/registries/${registryId}/tokens`;
    const before = calls(emulator, 'GET', listPath);
    const all = await client.tokens.registriesTokensGetAll({ registryId, limit: '10' }).toArray();
    // 56 tokens in pages of 10: five full pages and a short sixth, after which the paginator stops.
    expect(calls(emulator, 'GET', listPath) - before).toBe(6);
    const ids = all.map((t) => t.id);
    expect(ids).toHaveLength(56);
    expect(new Set(ids).size).toBe(56);
    expect([...ids].sort()).toEqual([tokenId, ...seeded].sort());
    // Newest first, so the token made before seeding comes last.
    expect(ids.at(-1)).toBe(tokenId);
    expect(all.every((t) => t.properties.credentials.password === '')).toBe(true);

    const pages: TokensResponse[] = await allPages(client.tokens.registriesTokensGetAll({ registryId, limit: '10' }).pages());
    expect(pages.map((p) => [p.offset, p.count])).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
      [30, 10],
      [40, 10],
      [50, 6],
    ]);
    expect(pages.every((p) => p.total === 56)).toBe(true);
    expect(pages.at(-1)?._links.next).toBe('');

    const read = await client.tokens.registriesTokensFindById({ registryId, tokenId });
    expect(read.properties).toEqual({
      name: 'ci-push',
      credentials: { username: 'ci-push', password: '' },
      expiryDate: '2027-01-01T00:00:00Z',
      status: 'enabled',
      scopes,
    });
    expect(read.metadata.lastModifiedDate).toBeUndefined();

    const patched = await client.tokens.registriesTokensPatch({ registryId, tokenId, body: { status: 'disabled', expiryDate: null } });
    expect(patched.properties).toMatchObject({ status: 'disabled', expiryDate: null, scopes, credentials: { password: '' } });
    expect(patched.metadata).toMatchObject({ lastModifiedBy: credentials.username, lastModifiedDate: new Date(clock).toISOString() });

    const replaced = await client.tokens.registriesTokensPut({ registryId, tokenId, body: { properties: { name: 'ci-push', status: 'enabled' } } });
    expect(replaced.properties).toMatchObject({ status: 'enabled', expiryDate: null, scopes: [], credentials: { password: '' } });
    const renamed = await failure<unknown>(client.tokens.registriesTokensPut({ registryId, tokenId, body: { properties: { name: 'ci-pull' } } }));
    assertIs(renamed, IonosBadRequestError);
    expect(renamed.status).toBe(400);

    await expect(client.tokens.registriesTokensDelete({ registryId, tokenId })).resolves.toBeUndefined();
    const gone = await failure<RegistriesTokensFindByIdError>(client.tokens.registriesTokensFindById({ registryId, tokenId }));
    assertIs(gone, IonosNotFoundError);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ httpStatus: 404, messages: [{ errorCode: '404' }] });
    await expect(client.tokens.registriesTokensDelete({ registryId, tokenId })).rejects.toBeInstanceOf(IonosNotFoundError);
    expect(emulator.tokenCount(registryId)).toBe(55);
  });

  it('shows a password only in the response that creates the token, including a PUT that creates', async () => {
    const registryId = randomUUID();
    const tokenId = randomUUID();
    const put = await client.tokens.registriesTokensPut({ registryId, tokenId, body: { properties: { name: 'put-made' } } });
    expect(put.id).toBe(tokenId);
    expect(put.properties.credentials.password).not.toBe('');
    const read = await client.tokens.registriesTokensFindById({ registryId, tokenId });
    expect(read.properties.credentials).toEqual({ username: 'put-made', password: '' });
    const listed = await client.tokens.registriesTokensGet({ registryId });
    expect(listed.items?.map((t) => t.properties.credentials.password)).toEqual(['']);
  });

  it('answers the create with a Location header that points at the new token', async () => {
    const registryId = randomUUID();
    const { data, response } = await client.raw.POST('/registries/{registryId}/tokens', {
      params: { path: { registryId } },
      body: { properties: { name: 'located' } },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${emulator.url}/registries/${registryId}/tokens/${data?.id ?? ''}`);
    expect(data?.href).toBe(response.headers.get('location'));
  });

  it('refuses a second token with the same name in a registry with a ConflictError', async () => {
    const registryId = randomUUID();
    await client.tokens.registriesTokensPost({ registryId, body: { properties: { name: 'dup' } } });
    const err = await failure<RegistriesTokensPostError>(client.tokens.registriesTokensPost({ registryId, body: { properties: { name: 'dup' } } }));
    assertIs(err, IonosConflictError);
    expect(err.status).toBe(409);
    expect(err.body).toMatchObject({ httpStatus: 409, messages: [{ errorCode: '409' }] });
    // Names are unique per registry, not across them.
    await expect(client.tokens.registriesTokensPost({ registryId: randomUUID(), body: { properties: { name: 'dup' } } })).resolves.toBeDefined();
  });

  it('accepts a bearer token and rejects wrong credentials with the 401 body', async () => {
    const registryId = randomUUID();
    const bearer = new IonosContainerRegistryClient({ baseUrl: emulator.url, token: credentials.bearerToken, maxRetries: 0 });
    await expect(bearer.tokens.registriesTokensGet({ registryId })).resolves.toMatchObject({ total: 0, items: [] });
    const wrong = new IonosContainerRegistryClient({ baseUrl: emulator.url, username: credentials.username, password: 'nope', maxRetries: 0 });
    const err = await failure<unknown>(wrong.tokens.registriesTokensGet({ registryId }));
    assertIs(err, IonosAuthenticationError);
    expect(err.body).toEqual({ httpStatus: 401, messages: [{ errorCode: '401', message: 'Unauthorized' }] });
  });

  it('validates registry IDs, token names and paging parameters with 400s', async () => {
    const registryId = randomUUID();
    await expect(client.tokens.registriesTokensGet({ registryId: 'not-a-uuid' })).rejects.toBeInstanceOf(IonosBadRequestError);
    await expect(client.tokens.registriesTokensPost({ registryId, body: { properties: { name: '-leading-dash' } } })).rejects.toBeInstanceOf(
      IonosBadRequestError,
    );
    await expect(client.tokens.registriesTokensGet({ registryId, offset: 'ten' })).rejects.toMatchObject({ status: 400, body: { httpStatus: 400 } });
  });

  it('answers a body that is not JSON with 400', async () => {
    const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const reply = await sendNotJson(`${emulator.url}/registries/${randomUUID()}/tokens`, 'POST', basic);
    expect(reply).toMatchObject({ status: 400, body: { httpStatus: 400, messages: [{ errorCode: '400' }] } });
  });
});

describe('Quay against its emulator', () => {
  const accessToken = 'quay-oauth-token';
  const clock = Date.parse('2026-03-01T12:00:00Z');
  const DAY = 24 * 60 * 60 * 1000;
  let emulator: QuayEmulator;
  let client: QuayClient;

  beforeAll(async () => {
    emulator = await startQuayEmulator({ accessToken, now: () => clock });
    client = new QuayClient({ baseUrl: emulator.url, accessToken, maxRetries: 0 });
  });
  afterAll(() => emulator.close());

  it('creates, lists, reads and revokes a token (Quay has no update and no paging)', async () => {
    const { token: created } = await client.appSpecificTokens.createAppToken({ body: { title: 'CI pipeline' } });
    expect(created).toMatchObject({ title: 'CI pipeline', created: 'Sun, 01 Mar 2026 12:00:00 -0000', last_accessed: null, expiration: null });
    expect(created.token_code).toMatch(/^[A-Za-z0-9]{120}$/);
    // Typed as the server sends it: a created or read token always has its secret, a listed one never.
    expectTypeOf(created.token_code).toEqualTypeOf<string>();

    const seeded = emulator.seed(Array.from({ length: 55 }, (_, n) => ({ title: `seeded ${n}`, expiresAt: null })));
    const before = calls(emulator, 'GET', '/api/v1/user/apptoken');
    const list = await client.appSpecificTokens.listAppTokens();
    expect(calls(emulator, 'GET', '/api/v1/user/apptoken') - before).toBe(1);
    expect(list.only_expiring).toBeNull();
    const uuids = list.tokens.map((t) => t.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect([...uuids].sort()).toEqual([created.uuid, ...seeded.map((t) => t.uuid)].sort());
    // The secret is never listed, not even as an empty key.
    expect(list.tokens.some((t) => 'token_code' in t)).toBe(false);

    const { token: read } = await client.appSpecificTokens.getAppToken({ token_uuid: created.uuid });
    expect(read.token_code).toBe(created.token_code);
    expectTypeOf(read.token_code).toEqualTypeOf<string>();
    expectTypeOf(list.tokens[0]!).not.toHaveProperty('token_code');
    expect(read.last_accessed).toBeNull();
    expect(emulator.login(created.token_code)).toBe(true);
    const { token: used } = await client.appSpecificTokens.getAppToken({ token_uuid: created.uuid });
    expect(used.last_accessed).toBe(rfc2822(clock));

    await expect(client.appSpecificTokens.revokeAppToken({ token_uuid: created.uuid })).resolves.toBeUndefined();
    const gone = await failure<GetAppTokenError>(client.appSpecificTokens.getAppToken({ token_uuid: created.uuid }));
    assertIs(gone, QuayNotFoundError);
    expect(gone.body).toMatchObject({ status: 404, title: 'not_found', detail: 'Not Found', type: `${emulator.url}/api/v1/error/not_found` });
    await expect(client.appSpecificTokens.revokeAppToken({ token_uuid: created.uuid })).rejects.toBeInstanceOf(QuayNotFoundError);
    expect(emulator.login(created.token_code)).toBe(false);
  });

  it('lists only tokens expiring soon when asked, parsing `expiring` as Quay does', async () => {
    expect(emulator.expiringWindowMs).toBeGreaterThan(2 * DAY);
    emulator.seed([
      { title: 'expires tomorrow', expiresAt: clock + DAY },
      { title: 'expires next month', expiresAt: clock + 30 * DAY },
      { title: 'already expired', expiresAt: clock - 60_000 },
      { title: 'never expires', expiresAt: null },
    ]);
    const soon = await client.appSpecificTokens.listAppTokens({ expiring: true });
    expect(soon.only_expiring).toBe(true);
    expect(soon.tokens.map((t) => t.title)).toEqual(['expires tomorrow']);
    expect(soon.tokens[0]?.expiration).toBe(rfc2822(clock + DAY));

    const everything = await client.appSpecificTokens.listAppTokens({ expiring: false });
    expect(everything.only_expiring).toBe(false);
    expect(everything.tokens.map((t) => t.title)).toEqual(
      expect.arrayContaining(['expires tomorrow', 'expires next month', 'already expired', 'never expires']),
    );

    // truthy_bool: only a few spellings mean false; any other value means true.
    const onlyExpiring = async (raw: string): Promise<unknown> => {
      const response = await fetch(`${emulator.url}/api/v1/user/apptoken?expiring=${raw}`, { headers: { authorization: `Bearer ${accessToken}` } });
      return ((await response.json()) as { only_expiring: unknown }).only_expiring;
    };
    expect(await Promise.all(['0', 'False', 'null', '', 'yes', '1', 'TRUE'].map(onlyExpiring))).toEqual([false, false, false, false, true, true, true]);
  });

  it('rejects a create without a title, or with a body that is not JSON, with invalid_request', async () => {
    const err = await failure<CreateAppTokenError>(client.appSpecificTokens.createAppToken({ body: {} as NewToken }));
    assertIs(err, QuayBadRequestError);
    expect(err.body).toMatchObject({ status: 400, title: 'invalid_request', detail: "'title' is a required property" });
    const reply = await sendNotJson(`${emulator.url}/api/v1/user/apptoken`, 'POST', `Bearer ${accessToken}`);
    expect(reply).toMatchObject({ status: 400, body: { title: 'invalid_request', detail: 'Missing JSON body' } });
  });

  it('rejects a wrong access token with invalid_token', async () => {
    const wrong = new QuayClient({ baseUrl: emulator.url, accessToken: 'stolen', maxRetries: 0 });
    const err = await failure<unknown>(wrong.appSpecificTokens.listAppTokens());
    assertIs(err, QuayAuthenticationError);
    expect(err.body).toEqual({
      status: 401,
      type: `${emulator.url}/api/v1/error/invalid_token`,
      title: 'invalid_token',
      detail: 'Requires authentication',
      error_message: 'Requires authentication',
      error_type: 'invalid_token',
    });
  });
});

describe('LaunchDarkly against its emulator', () => {
  const apiKey = 'api-bootstrap-key';
  const start = Date.parse('2026-03-01T00:00:00Z');
  const HOUR = 60 * 60 * 1000;
  let clock = start;
  let emulator: LaunchDarklyEmulator;
  let client: LaunchDarklyClient;
  const as = (key: string): LaunchDarklyClient => new LaunchDarklyClient({ baseUrl: emulator.url, apiKey: key, maxRetries: 0 });

  beforeAll(async () => {
    emulator = await startLaunchDarklyEmulator({ apiKey, now: () => clock });
    client = as(apiKey);
  });
  afterAll(() => emulator.close());

  it('creates, pages through, reads, patches, resets and deletes a token', async () => {
    const created = await client.accessTokens.postToken({ body: { name: 'ci', description: 'CI pipeline', role: 'reader' } });
    expect(created).toMatchObject({
      name: 'ci',
      description: 'CI pipeline',
      role: 'reader',
      customRoleIds: [],
      inlineRole: [],
      serviceToken: false,
      defaultApiVersion: 20240415,
      creationDate: start,
      lastModified: start,
      lastUsed: 0,
      _links: { parent: { href: '/api/v2/tokens', type: 'application/json' } },
    });
    expect(created._id).toMatch(/^[0-9a-f]{24}$/);
    const secret = created.token!;
    expect(secret).toMatch(/^api-[0-9a-f-]{36}$/);

    const seeded = emulator.seed(55);
    const before = calls(emulator, 'GET', '/api/v2/tokens');
    const all = await client.accessTokens.getTokensAll({ limit: 10 }).toArray();
    // 56 tokens in pages of 10: five full pages and a short sixth without a next link.
    expect(calls(emulator, 'GET', '/api/v2/tokens') - before).toBe(6);
    const ids = all.map((t) => t._id);
    expect(new Set(ids).size).toBe(56);
    expect([...ids].sort()).toEqual([created._id, ...seeded].sort());
    expect(all.every((t) => t.token?.length === 4)).toBe(true);
    const pages: Tokens[] = await allPages(client.accessTokens.getTokensAll({ limit: 10 }).pages());
    expect(pages.map((p) => p.items?.length)).toEqual([10, 10, 10, 10, 10, 6]);
    expect(pages.map((p) => p._links?.next?.href)).toEqual([
      '/api/v2/tokens?limit=10&offset=10',
      '/api/v2/tokens?limit=10&offset=20',
      '/api/v2/tokens?limit=10&offset=30',
      '/api/v2/tokens?limit=10&offset=40',
      '/api/v2/tokens?limit=10&offset=50',
      undefined,
    ]);

    const read = await client.accessTokens.getToken({ id: created._id });
    expect(read.token).toBe(secret.slice(-4));

    // The new token's secret is itself an API key, and using it is recorded.
    clock += HOUR;
    await expect(as(secret).accessTokens.getToken({ id: created._id })).resolves.toMatchObject({ _id: created._id });
    expect((await client.accessTokens.getToken({ id: created._id })).lastUsed).toBe(clock);

    clock += HOUR;
    const patched = await client.accessTokens.patchToken({
      id: created._id,
      body: [
        { op: 'replace', path: '/role', value: 'writer' },
        { op: 'replace', path: '/name', value: 'ci-writer' },
        { op: 'remove', path: '/description' },
      ],
    });
    expect(patched).toMatchObject({ role: 'writer', name: 'ci-writer', lastModified: clock, creationDate: start });
    expect(patched).not.toHaveProperty('description');

    const badRole = await failure<PatchTokenError>(
      client.accessTokens.patchToken({ id: created._id, body: [{ op: 'replace', path: '/role', value: 'owner' }] }),
    );
    assertIs(badRole, LdBadRequestError);
    expect(badRole.body).toMatchObject({ code: 'invalid_request' });
    const badPath = await failure<PatchTokenError>(
      client.accessTokens.patchToken({
        id: created._id,
        body: [
          { op: 'replace', path: '/name', value: 'half-applied' },
          { op: 'replace', path: '/ownerId', value: 'x' },
        ],
      }),
    );
    assertIs(badPath, LdUnprocessableEntityError);
    expect(badPath.body).toMatchObject({ code: 'patch_failed' });
    // A failed patch applies none of its operations.
    expect((await client.accessTokens.getToken({ id: created._id })).name).toBe('ci-writer');

    const reset = await client.accessTokens.resetToken({ id: created._id, expiry: clock + HOUR });
    const rotated = reset.token!;
    expect(rotated).toMatch(/^api-/);
    expect(rotated).not.toBe(secret);
    await expect(as(secret).accessTokens.getToken({ id: created._id })).resolves.toBeDefined();
    await expect(as(rotated).accessTokens.getToken({ id: created._id })).resolves.toBeDefined();
    clock += HOUR + 1;
    const expired = await failure<GetTokenError>(as(secret).accessTokens.getToken({ id: created._id }));
    assertIs(expired, LdAuthenticationError);
    expect(expired.body).toEqual({ code: 'unauthorized', message: 'Invalid access token' });
    await expect(as(rotated).accessTokens.getToken({ id: created._id })).resolves.toBeDefined();

    // Without an expiry the old secret stops at once.
    const again = await client.accessTokens.resetToken({ id: created._id });
    await expect(as(rotated).accessTokens.getToken({ id: created._id })).rejects.toBeInstanceOf(LdAuthenticationError);
    const latest = again.token!;
    await expect(as(latest).accessTokens.getToken({ id: created._id })).resolves.toBeDefined();

    await expect(client.accessTokens.deleteToken({ id: created._id })).resolves.toBeUndefined();
    const gone = await failure<GetTokenError>(client.accessTokens.getToken({ id: created._id }));
    assertIs(gone, LdNotFoundError);
    expect(gone.body).toEqual({ code: 'not_found', message: 'Invalid resource identifier' });
    await expect(as(latest).accessTokens.getTokens()).rejects.toBeInstanceOf(LdAuthenticationError);
    await expect(client.accessTokens.deleteToken({ id: created._id })).rejects.toBeInstanceOf(LdNotFoundError);
    expect(emulator.tokenCount()).toBe(55);
  });

  it('rejects a Bearer-prefixed key, since LaunchDarkly takes the raw key', async () => {
    const err = await failure<GetTokenError>(as(`Bearer ${apiKey}`).accessTokens.getTokens());
    assertIs(err, LdAuthenticationError);
    expect(err.status).toBe(401);
    expect(err.body).toEqual({ code: 'unauthorized', message: 'Invalid access token' });
  });

  it('rejects a token with an unknown role', async () => {
    // The types forbid this role, so the body has to come from outside them, as untyped callers' would.
    const body = JSON.parse('{"name": "x", "role": "owner"}') as AccessTokenPost;
    const err = await failure<PostTokenError>(client.accessTokens.postToken({ body }));
    assertIs(err, LdBadRequestError);
    expect(err.body).toMatchObject({ code: 'invalid_request' });
  });

  it('answers a body that is not JSON with 400 invalid_request', async () => {
    const reply = await sendNotJson(`${emulator.url}/api/v2/tokens`, 'POST', apiKey);
    expect(reply).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
  });
});
