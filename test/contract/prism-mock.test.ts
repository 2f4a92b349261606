/**
 * Contract tests: every operation of every client against Prism serving the same spec, with request
 * and response validation on. A request Prism finds invalid, or a missing credential, fails the call;
 * any validation note in `sl-violations` fails the test.
 */
import path from 'node:path';
import type { Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IonosContainerRegistryClient } from '../../generated/ionos-container-registry/src/index.js';
import { LaunchDarklyClient } from '../../generated/launchdarkly/src/index.js';
import { QuayClient } from '../../generated/quay/src/index.js';
import { startPrism, type Prism } from '../helpers/prism.js';

const root = path.resolve(import.meta.dirname, '../..');
const prisms: Record<string, Prism> = {};
const violations: string[] = [];
const seen: string[] = [];

const recordViolations: Middleware = {
  onResponse({ request, response }) {
    seen.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
    const v = response.headers.get('sl-violations');
    if (v) violations.push(`${request.method} ${request.url}: ${v}`);
    return undefined;
  },
};

beforeAll(async () => {
  const started = await Promise.all(
    ['ionos-container-registry', 'quay', 'launchdarkly'].map(async (name) => [name, await startPrism(path.join(root, 'specs', `${name}.yaml`))] as const),
  );
  for (const [name, prism] of started) prisms[name] = prism;
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(prisms).map((p) => p.stop()));
});

function url(name: string): string {
  const p = prisms[name];
  if (!p) throw new Error(`Prism for ${name} did not start`);
  return p.url;
}

const REGISTRY = '9d5a1c2e-7f40-4b8a-a3d1-5c6e7f809a1b';
const TOKEN = '3f4a9a4c-2b7e-4c1e-9a52-0f6b1d2c3e4f';

describe('IONOS Container Registry against Prism', () => {
  const basic = () =>
    new IonosContainerRegistryClient({ baseUrl: url('ionos-container-registry'), username: 'u', password: 'p', middleware: [recordViolations], maxRetries: 0 });
  const bearer = () =>
    new IonosContainerRegistryClient({ baseUrl: url('ionos-container-registry'), token: 't', middleware: [recordViolations], maxRetries: 0 });
  it('every operation validates', async () => {
    await basic().tokens.registriesTokensGet({ registryId: REGISTRY, offset: '0', limit: '10' });
    await bearer().tokens.registriesTokensPost({
      registryId: REGISTRY,
      body: { properties: { name: 'ci-push', status: 'enabled', scopes: [{ name: '*', type: 'repository', actions: ['pull'] }] } },
    });
    await basic().tokens.registriesTokensFindById({ registryId: REGISTRY, tokenId: TOKEN });
    await basic().tokens.registriesTokensPut({ registryId: REGISTRY, tokenId: TOKEN, body: { properties: { name: 'ci-push', expiryDate: null } } });
    await basic().tokens.registriesTokensPatch({ registryId: REGISTRY, tokenId: TOKEN, body: { status: 'disabled' } });
    await basic().tokens.registriesTokensDelete({ registryId: REGISTRY, tokenId: TOKEN });
    expect(violations).toEqual([]);
  });
  it('Prism rejects a call without credentials, so the check above is real', async () => {
    // The resource method refuses to send without credentials; the raw client sends what it is given.
    const anonymous = new IonosContainerRegistryClient({ baseUrl: url('ionos-container-registry'), maxRetries: 0 });
    const { response } = await anonymous.raw.GET('/registries/{registryId}/tokens/{tokenId}', { params: { path: { registryId: REGISTRY, tokenId: TOKEN } } });
    expect(response.status).toBe(401);
  });
  it('Prism rejects an invalid body, so the check above is real', async () => {
    // Without the recording middleware: this request is meant to violate the spec.
    const client = new IonosContainerRegistryClient({ baseUrl: url('ionos-container-registry'), username: 'u', password: 'p', maxRetries: 0 });
    await expect(client.tokens.registriesTokensPost({ registryId: REGISTRY, body: { properties: { name: '-bad name-' } } })).rejects.toMatchObject({
      name: 'BadRequestError',
      status: 400,
    });
  });
});

describe('Quay against Prism', () => {
  const client = () => new QuayClient({ baseUrl: url('quay'), accessToken: 'oauth', middleware: [recordViolations], maxRetries: 0 });
  it('every operation validates', async () => {
    await client().appSpecificTokens.listAppTokens({ expiring: true });
    await client().appSpecificTokens.createAppToken({ body: { title: 'CI' } });
    await client().appSpecificTokens.getAppToken({ token_uuid: 'some-uuid' });
    await client().appSpecificTokens.revokeAppToken({ token_uuid: 'some-uuid' });
    expect(violations).toEqual([]);
  });
});

describe('LaunchDarkly against Prism', () => {
  const client = () => new LaunchDarklyClient({ baseUrl: url('launchdarkly'), apiKey: 'api-key', middleware: [recordViolations], maxRetries: 0 });
  it('every operation validates', async () => {
    await client().accessTokens.getTokens({ showAll: true, limit: 5, offset: 0 });
    await client().accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
    await client().accessTokens.getToken({ id: '61095542756dba551110ae21' });
    await client().accessTokens.patchToken({ id: '61095542756dba551110ae21', body: [{ op: 'replace', path: '/role', value: 'writer' }] });
    await client().accessTokens.resetToken({ id: '61095542756dba551110ae21', expiry: 1767225600000 });
    await client().accessTokens.deleteToken({ id: '61095542756dba551110ae21' });
    expect(violations).toEqual([]);
  });
});

it('reached Prism for every operation of the three specs', () => {
  expect(seen.filter((s) => / 2\d\d$/.test(s))).toHaveLength(16);
});
