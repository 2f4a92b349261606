/**
 * Prism as a validating proxy in front of the vendor emulators: each request the client sends and each
 * response the emulator gives is checked against the spec, so the clients and the emulators are both
 * held to the same contract. Any `sl-violations` note fails the test.
 */
import path from 'node:path';
import type { Middleware } from 'openapi-fetch';
import { afterAll, describe, expect, it } from 'vitest';
import { IonosContainerRegistryClient, NotFoundError as IonosNotFound } from '../../generated/ionos-container-registry/src/index.js';
import { LaunchDarklyClient, NotFoundError as LdNotFound } from '../../generated/launchdarkly/src/index.js';
import { QuayClient, NotFoundError as QuayNotFound } from '../../generated/quay/src/index.js';
import { startIonosEmulator } from '../emulators/ionos.js';
import { startLaunchDarklyEmulator } from '../emulators/launchdarkly.js';
import { startQuayEmulator } from '../emulators/quay.js';
import { startPrism } from '../helpers/prism.js';

const root = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

function watcher() {
  const violations: string[] = [];
  const statuses: number[] = [];
  const middleware: Middleware = {
    onResponse({ request, response }) {
      statuses.push(response.status);
      const v = response.headers.get('sl-violations');
      if (v) violations.push(`${request.method} ${new URL(request.url).pathname} ${response.status}: ${v}`);
      return undefined;
    },
  };
  return { violations, statuses, middleware };
}

async function proxied(spec: string, upstream: { url: string; close: () => Promise<void> }) {
  const prism = await startPrism(path.join(root, 'specs', spec), upstream.url);
  cleanups.push(
    () => prism.stop(),
    () => upstream.close(),
  );
  return prism.url;
}

describe('through a validating Prism proxy', () => {
  it('IONOS: create, list, get, replace, update, delete, 404', async () => {
    const url = await proxied('ionos-container-registry.yaml', await startIonosEmulator({ username: 'u', password: 'p', bearerToken: 't' }));
    const w = watcher();
    const client = new IonosContainerRegistryClient({ baseUrl: url, username: 'u', password: 'p', middleware: [w.middleware], maxRetries: 0 });
    const registryId = '9d5a1c2e-7f40-4b8a-a3d1-5c6e7f809a1b';
    const created = await client.tokens.registriesTokensPost({
      registryId,
      body: { properties: { name: 'ci-push', status: 'enabled', scopes: [{ name: '*', type: 'repository', actions: ['pull'] }] } },
    });
    const tokenId = created.id ?? '';
    const all = await client.tokens.registriesTokensGetAll({ registryId }).toArray();
    expect(all.map((t) => t.id)).toEqual([tokenId]);
    await client.tokens.registriesTokensFindById({ registryId, tokenId });
    await client.tokens.registriesTokensPut({ registryId, tokenId, body: { properties: { name: 'ci-push', status: 'disabled' } } });
    await client.tokens.registriesTokensPatch({ registryId, tokenId, body: { status: 'enabled' } });
    await client.tokens.registriesTokensDelete({ registryId, tokenId });
    await expect(client.tokens.registriesTokensFindById({ registryId, tokenId })).rejects.toBeInstanceOf(IonosNotFound);
    expect(w.violations).toEqual([]);
    expect(w.statuses).toEqual([201, 200, 200, 201, 200, 204, 404]);
  });

  it('Quay: create, list, get, revoke, 404', async () => {
    const url = await proxied('quay.yaml', await startQuayEmulator({ accessToken: 'q' }));
    const w = watcher();
    const client = new QuayClient({ baseUrl: url, accessToken: 'q', middleware: [w.middleware], maxRetries: 0 });
    const { token } = await client.appSpecificTokens.createAppToken({ body: { title: 'CI' } });
    await client.appSpecificTokens.listAppTokens({ expiring: false });
    await client.appSpecificTokens.getAppToken({ token_uuid: token.uuid });
    await client.appSpecificTokens.revokeAppToken({ token_uuid: token.uuid });
    await expect(client.appSpecificTokens.getAppToken({ token_uuid: token.uuid })).rejects.toBeInstanceOf(QuayNotFound);
    expect(w.violations).toEqual([]);
    expect(w.statuses).toEqual([200, 200, 200, 204, 404]);
  });

  it('LaunchDarkly: create, list, get, patch, reset, delete, 404', async () => {
    const url = await proxied('launchdarkly.yaml', await startLaunchDarklyEmulator({ apiKey: 'api-root' }));
    const w = watcher();
    const client = new LaunchDarklyClient({ baseUrl: url, apiKey: 'api-root', middleware: [w.middleware], maxRetries: 0 });
    const created = await client.accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
    expect((await client.accessTokens.getTokensAll({ limit: 5 }).toArray()).map((t) => t._id)).toEqual([created._id]);
    await client.accessTokens.getToken({ id: created._id });
    await client.accessTokens.patchToken({ id: created._id, body: [{ op: 'replace', path: '/role', value: 'writer' }] });
    await client.accessTokens.resetToken({ id: created._id, expiry: Date.now() + 60_000 });
    await client.accessTokens.deleteToken({ id: created._id });
    await expect(client.accessTokens.getToken({ id: created._id })).rejects.toBeInstanceOf(LdNotFound);
    expect(w.violations).toEqual([]);
    expect(w.statuses).toEqual([201, 200, 200, 200, 200, 204, 404]);
  });
});
