/** Names a user would choose: resources, models, methods and environment variables. */
import { describe, expect, it } from 'vitest';
import { buildApi } from '../../generator/model/build-api.js';
import { pathResources } from '../../generator/model/resource-groups.js';
import { derivedEnvName } from '../../generator/model/credential-env.js';
import type { OpenApiDocument } from '../../generator/json.js';

const ok = { responses: { '204': { description: 'done' } } };

function api(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) {
  const document = { openapi: '3.0.3', info: { title: 'Shapes', version: '1' }, paths, components: { schemas } } as OpenApiDocument;
  return buildApi({ document }, { name: 'shapes', packageName: '@acme/shapes', version: '1.0.0', generatorVersion: '0', specPath: 'shapes.yaml' });
}

describe('pathResources', () => {
  it.each([
    [
      ['/vpcs', '/vpcs/{id}', '/floating-ips'],
      ['vpcs', 'vpcs', 'floating-ips'],
    ],
    [
      ['/v2/vpcs', '/v2/vpcs/{id}/actions', '/v2/ssh_keys'],
      ['vpcs', 'vpcs', 'ssh_keys'],
    ],
    [['/api/v1/users/{id}'], ['users']],
    [
      ['/', '/{id}', '/status'],
      ['default', 'default', 'status'],
    ],
  ])('%j → %j', (routes, want) => {
    const paths = Object.fromEntries(routes.map((r) => [r, { get: ok }]));
    const resourceOf = pathResources(paths);
    expect(routes.map(resourceOf)).toEqual(want);
  });

  it('ignores tagged operations when finding the shared segments', () => {
    const resourceOf = pathResources({ '/v1/a': { get: ok }, '/other/b': { get: { ...ok, tags: ['x'] } } });
    expect(resourceOf('/v1/a')).toBe('a');
  });
});

describe('resources of a spec without tags', () => {
  it('are its first path segments, with acronyms kept whole', () => {
    const view = api({ '/VPCs': { get: ok }, '/VPCs/{id}': { delete: ok }, '/floating-IPs': { get: ok }, '/': { get: ok } });
    expect(view.resources.map((r) => [r.property, r.className, r.fileName, r.operations.length, r.description])).toEqual([
      ['vpcs', 'VpcsApi', 'vpcs', 2, 'Operations under `/VPCs`.'],
      ['floatingIps', 'FloatingIpsApi', 'floating-ips', 1, 'Operations under `/floating-IPs`.'],
      ['default', 'DefaultApi', 'default', 1, 'Operations tagged default.'],
    ]);
  });

  it('and tags named with acronyms keep them whole', () => {
    const view = api({ '/a': { get: { ...ok, tags: ['OAuth Delegations'] } }, '/b': { get: { ...ok, tags: ['IPv6 Ranges'] } } });
    expect(view.resources.map((r) => [r.property, r.className, r.fileName])).toEqual([
      ['oauthDelegations', 'OauthDelegationsApi', 'oauth-delegations'],
      ['ipv6Ranges', 'Ipv6RangesApi', 'ipv6-ranges'],
    ]);
  });
});

describe('methods of operations without an operationId', () => {
  const methods = (paths: Record<string, unknown>) => api(paths).resources.flatMap((r) => r.operations.map((o) => [o.httpMethod, o.path, o.methodName]));

  it('are named from the method and path, and numbered where paths differ only in punctuation', () => {
    expect(methods({ '/users': { get: ok }, '/users/~': { get: ok, patch: ok }, '/users/{id}': { get: ok } })).toEqual([
      ['GET', '/users', 'getUsers'],
      ['GET', '/users/~', 'getUsers2'],
      ['PATCH', '/users/~', 'patchUsers'],
      ['GET', '/users/{id}', 'getUsersId'],
    ]);
  });

  it('give way to every operationId the spec gives, wherever it comes', () => {
    const got = methods({
      '/things': { get: ok },
      '/widgets': { get: { ...ok, operationId: 'getThings' } },
      '/things2': { get: { ...ok, operationId: 'getThings2' } },
    });
    expect(got).toEqual([
      ['GET', '/things', 'getThings3'],
      ['GET', '/widgets', 'getThings'],
      ['GET', '/things2', 'getThings2'],
    ]);
  });
});

describe('models named like what the package exports', () => {
  it('get the first free number, whatever their order', () => {
    const view = api(
      {},
      { Token: { type: 'object' }, ConflictError: { type: 'object' }, Error: { type: 'object' }, ClientError: { type: 'object' }, Omit: {}, WithRequired: {} },
    );
    expect(view.models.map((m) => [m.schemaName, m.typeName])).toEqual([
      ['Token', 'Token'],
      ['ConflictError', 'ConflictError2'],
      ['Error', 'Error2'],
      ['ClientError', 'ClientError2'],
      // Model declarations use these two, so a model may not take their names.
      ['Omit', 'Omit2'],
      ['WithRequired', 'WithRequired2'],
    ]);
  });

  it.each([
    ['a free name is kept', ['Token'], ['Token']],
    ['the package’s own name gets a number', ['ApiError'], ['ApiError2']],
    ['the client class is the package’s too', ['ShapesClient', 'ShapesClientOptions'], ['ShapesClient2', 'ShapesClientOptions2']],
    // Free names are claimed first: a schema keeps its name whatever comes before it.
    ['a schema named like the renamed one keeps its name', ['ApiError', 'ApiError2'], ['ApiError3', 'ApiError2']],
    ['a schema after one of its name in another case gets a number', ['Token', 'token'], ['Token', 'token2']],
    ['a schema that becomes another’s name gets a number', ['my-token', 'MyToken'], ['MyToken2', 'MyToken']],
  ])('%s: %j → %j', (_rule, schemas, names) => {
    const view = api({}, Object.fromEntries(schemas.map((name) => [name, { type: 'object' }])));
    expect(view.models.map((m) => m.typeName)).toEqual(names);
  });
});

describe('methods', () => {
  it('a standalone function named like an exported model takes a number; the method keeps its name', () => {
    // One `export { … }` cannot carry the function `addAdapter` and the model type `addAdapter`.
    const view = api(
      { '/a': { post: { ...ok, operationId: 'addAdapter' }, get: { ...ok, operationId: 'AddAdapterList' } } },
      { addAdapter: { type: 'object' } },
    );
    const ops = view.resources[0]?.operations ?? [];
    expect(ops.map((o) => [o.methodName, o.functionName])).toEqual([
      ['addAdapterList', 'addAdapterList'],
      ['addAdapter', 'addAdapter2'],
    ]);
  });

  it('never make a resource thenable', () => {
    const view = api({ '/a': { get: { ...ok, operationId: 'then' }, post: { ...ok, operationId: 'catch' }, put: { ...ok, operationId: 'finally' } } });
    expect(view.resources[0]?.operations.map((o) => o.methodName)).toEqual(['then_', 'finally_', 'catch_']);
  });
});

describe('derivedEnvName', () => {
  it.each([
    ['@tokenkit/launchdarkly', 'apiKey', 'LAUNCHDARKLY_API_KEY'],
    ['@acme/github', 'token', 'GITHUB_TOKEN'],
    ['my-api.v2', 'accessToken', 'MY_API_V2_ACCESS_TOKEN'],
    ['@corp/OAuth-service', 'clientSecret', 'OAUTH_SERVICE_CLIENT_SECRET'],
  ])('%s and %s → %s', (packageName, option, want) => {
    expect(derivedEnvName(packageName, option)).toBe(want);
  });
});

describe('a 200,000-character title', () => {
  it('names the client in linear time', () => {
    const document = { openapi: '3.0.3', info: { title: `${'VPC'.repeat(66_000)} API`, version: '1' }, paths: { '/a': { get: ok } } } as OpenApiDocument;
    const started = performance.now();
    const view = buildApi({ document }, { name: 'long', version: '1.0.0', generatorVersion: '0', specPath: 'long.yaml' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(view.clientClass).toMatch(/^Vpcvpc.*ApiClient$/);
  });
});
