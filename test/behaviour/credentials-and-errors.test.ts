/**
 * Credentials from the environment and typed errors, over real HTTP on loopback: each client reads its
 * documented variables when no option is given, an option wins over a variable, a client without
 * credentials refuses before anything reaches the server, and a declared error arrives typed, with
 * the server's message in err.message; a refused connection says so.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  IonosContainerRegistryClient,
  MissingCredentialError as IonosMissing,
  ResponseParseError as IonosResponseParseError,
} from '../../generated/ionos-container-registry/src/index.js';
import {
  ConnectionError,
  LaunchDarklyClient,
  MissingCredentialError,
  NotFoundError,
  ResponseParseError,
  isGetTokenError,
  isPatchTokenError,
} from '../../generated/launchdarkly/src/index.js';
import { QuayClient } from '../../generated/quay/src/index.js';
import { startServer, type LoopbackServer, type Reply } from '../helpers/loopback-server.js';

let server: LoopbackServer;
let nextReply: Reply = { status: 200 };
const REGISTRY = '9d5a1c2e-7f40-4b8a-a3d1-5c6e7f809a1b';
const ionosPage = { _links: {}, count: 0, limit: 10, offset: 0, total: 0, items: [] };

beforeAll(async () => {
  server = await startServer(() => nextReply);
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

function lastAuthorization(): string | undefined {
  const req = server.requests.at(-1);
  if (!req) throw new Error('no request reached the server');
  return req.headers.authorization;
}

/** Every variable the three clients read, unset, so a developer's own environment cannot leak in. */
function clearCredentialEnv(): void {
  for (const name of ['LAUNCHDARKLY_API_KEY', 'QUAY_ACCESS_TOKEN', 'IONOS_USERNAME', 'IONOS_PASSWORD', 'IONOS_TOKEN']) vi.stubEnv(name, '');
}

describe('credentials from the environment', () => {
  it('LaunchDarkly reads LAUNCHDARKLY_API_KEY', async () => {
    clearCredentialEnv();
    vi.stubEnv('LAUNCHDARKLY_API_KEY', 'api-from-env');
    nextReply = { status: 200, body: { items: [] } };
    await new LaunchDarklyClient({ baseUrl: server.url }).accessTokens.getTokens();
    expect(lastAuthorization()).toBe('api-from-env');
  });

  it('Quay reads QUAY_ACCESS_TOKEN', async () => {
    clearCredentialEnv();
    vi.stubEnv('QUAY_ACCESS_TOKEN', 'quay-from-env');
    nextReply = { status: 200, body: { tokens: [] } };
    await new QuayClient({ baseUrl: server.url }).appSpecificTokens.listAppTokens();
    expect(lastAuthorization()).toBe('Bearer quay-from-env');
  });

  it('IONOS reads IONOS_USERNAME and IONOS_PASSWORD, or IONOS_TOKEN', async () => {
    clearCredentialEnv();
    vi.stubEnv('IONOS_USERNAME', 'me@example.com');
    vi.stubEnv('IONOS_PASSWORD', 'pw');
    nextReply = { status: 200, body: ionosPage };
    await new IonosContainerRegistryClient({ baseUrl: server.url }).tokens.registriesTokensGet({ registryId: REGISTRY });
    expect(lastAuthorization()).toBe(`Basic ${Buffer.from('me@example.com:pw').toString('base64')}`);
    clearCredentialEnv();
    vi.stubEnv('IONOS_TOKEN', 'ionos-from-env');
    await new IonosContainerRegistryClient({ baseUrl: server.url }).tokens.registriesTokensGet({ registryId: REGISTRY });
    expect(lastAuthorization()).toBe('Bearer ionos-from-env');
  });

  it('an option wins over its variable', async () => {
    clearCredentialEnv();
    vi.stubEnv('LAUNCHDARKLY_API_KEY', 'api-from-env');
    nextReply = { status: 200, body: { items: [] } };
    await new LaunchDarklyClient({ baseUrl: server.url, apiKey: 'api-from-option' }).accessTokens.getTokens();
    expect(lastAuthorization()).toBe('api-from-option');
  });

  it('without a credential, refuses before any request reaches the server, naming the option and the variable', async () => {
    clearCredentialEnv();
    const before = server.requests.length;
    const ld = new LaunchDarklyClient({ baseUrl: server.url }).accessTokens.getTokens();
    await expect(ld).rejects.toThrow(MissingCredentialError);
    await expect(ld).rejects.toThrow('getTokens: no credentials for this call; give apiKey (option) or LAUNCHDARKLY_API_KEY (environment)');
    const ionos = new IonosContainerRegistryClient({ baseUrl: server.url, username: 'only-half' }).tokens.registriesTokensGet({ registryId: REGISTRY });
    await expect(ionos).rejects.toThrow(IonosMissing);
    await expect(ionos).rejects.toThrow(
      'give username and password (options) or IONOS_USERNAME and IONOS_PASSWORD (environment); or token (option) or IONOS_TOKEN (environment)',
    );
    expect(server.requests.length).toBe(before);
  });

  it('takes an empty option for none, as the Quick start passes it (`apiKey: process.env.X` with X empty)', async () => {
    clearCredentialEnv();
    const before = server.requests.length;
    const given = new LaunchDarklyClient({ baseUrl: server.url, apiKey: process.env.LAUNCHDARKLY_API_KEY }).accessTokens.getTokens();
    await expect(given).rejects.toThrow('getTokens: no credentials for this call; give apiKey (option) or LAUNCHDARKLY_API_KEY (environment)');
    const late = new LaunchDarklyClient({ baseUrl: server.url, apiKey: () => process.env.LAUNCHDARKLY_API_KEY ?? '' }).accessTokens.getTokens();
    await expect(late).rejects.toThrow('getTokens: the credential for ApiKey is empty; give apiKey (option) or LAUNCHDARKLY_API_KEY (environment)');
    expect(server.requests.length).toBe(before);
  });

  it('reads nothing where there is no process, and so refuses the call', async () => {
    clearCredentialEnv();
    vi.stubEnv('LAUNCHDARKLY_API_KEY', 'api-from-env');
    vi.stubGlobal('process', undefined);
    const client = new LaunchDarklyClient({ baseUrl: server.url });
    vi.unstubAllGlobals();
    const before = server.requests.length;
    await expect(client.accessTokens.getTokens()).rejects.toThrow(MissingCredentialError);
    expect(server.requests.length).toBe(before);
  });
});

describe('typed errors', () => {
  const client = () => new LaunchDarklyClient({ baseUrl: server.url, apiKey: 'k', maxRetries: 0 });
  const caught = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  it('a declared 404 passes the guard, with the body and the server message', async () => {
    nextReply = { status: 404, body: { code: 'not_found', message: 'Unknown resource ID' } };
    const err = await caught(client().accessTokens.getToken({ id: 'nope' }));
    expect(isGetTokenError(err) && err instanceof NotFoundError ? err.body.code : 'unguarded').toBe('not_found');
    expect((err as Error).message).toBe(`getToken: GET ${server.url}/api/v2/tokens/nope answered 404: Unknown resource ID`);
    // The guard is the operation's own: patchToken's does not vouch for getToken's error.
    expect(isPatchTokenError(err)).toBe(false);
  });

  it("a server that echoes the client's key has it redacted from the message", async () => {
    nextReply = { status: 401, body: { code: 'unauthorized', message: 'No account has sekrit-key' } };
    const err = await caught(new LaunchDarklyClient({ baseUrl: server.url, apiKey: 'sekrit-key', maxRetries: 0 }).accessTokens.getToken({ id: 'x' }));
    expect((err as Error).message).toBe(`getToken: GET ${server.url}/api/v2/tokens/x answered 401: No account has [redacted]`);
  });

  // Middleware that builds its own Request sends through another path; what the function gave is the call's all the same.
  const rebuild = { onRequest: ({ request }: { request: Request }) => new Request(request, { headers: { 'X-Trace': '1' } }) };
  it.each([
    ['a function', () => 'sekrit-fn-key', []],
    ['an async function', () => Promise.resolve('sekrit-fn-key'), []],
    ['an async function, through middleware', () => Promise.resolve('sekrit-fn-key'), [rebuild]],
  ])('a server that echoes a key %s gave has it redacted from the message', async (_label, apiKey, middleware) => {
    const client = new LaunchDarklyClient({ baseUrl: server.url, apiKey, maxRetries: 0, middleware });
    nextReply = { status: 401, body: { code: 'unauthorized', message: 'No account has sekrit-fn-key' } };
    const err = await caught(client.accessTokens.getToken({ id: 'x' }));
    expect((err as Error).message).toBe(`getToken: GET ${server.url}/api/v2/tokens/x answered 401: No account has [redacted]`);
    nextReply = { status: 200, raw: 'No account has sekrit-fn-key', headers: { 'content-type': 'application/json' } };
    const parse = await caught(client.accessTokens.getToken({ id: 'x' }));
    expect((parse as Error).message).toBe(`getToken: GET ${server.url}/api/v2/tokens/x answered 200: No account has [redacted]`);
  });

  // A success whose body is not the JSON declared quotes the server too: the credentials are kept out
  // whatever the status, including a password too short or plain to look like a secret.
  it('a 200 that is not JSON and echoes the credentials has them redacted from the ResponseParseError message', async () => {
    nextReply = { status: 200, raw: 'No account has sekrit-key', headers: { 'content-type': 'application/json' } };
    const err = await caught(new LaunchDarklyClient({ baseUrl: server.url, apiKey: 'sekrit-key', maxRetries: 0 }).accessTokens.getToken({ id: 'x' }));
    expect(err).toBeInstanceOf(ResponseParseError);
    expect((err as Error).message).toBe(`getToken: GET ${server.url}/api/v2/tokens/x answered 200: No account has [redacted]`);
    nextReply = { status: 200, raw: 'login failed for alice with password Tr0ub4dor&3', headers: { 'content-type': 'application/json' } };
    const ionos = new IonosContainerRegistryClient({ baseUrl: server.url, username: 'alice', password: 'Tr0ub4dor&3', maxRetries: 0 });
    const basic = await caught(ionos.tokens.registriesTokensGet({ registryId: REGISTRY }));
    expect(basic).toBeInstanceOf(IonosResponseParseError);
    expect((basic as Error).message).not.toContain('Tr0ub4dor&3');
    expect((basic as Error).message).toContain('password [redacted]');
  });

  it('a proxy page under a declared status, or an undeclared status, fails the guard', async () => {
    nextReply = { status: 404, raw: '<html>not here</html>', headers: { 'content-type': 'text/html' } };
    const page = await caught(client().accessTokens.getToken({ id: 'nope' }));
    expect(page).toBeInstanceOf(NotFoundError);
    expect(isGetTokenError(page)).toBe(false);
    nextReply = { status: 418, body: { message: 'teapot' } };
    const teapot = await caught(client().accessTokens.getToken({ id: 'nope' }));
    expect(isGetTokenError(teapot)).toBe(false);
  });

  it('a refused connection says so in the message, and passes the guard', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const err = await caught(new LaunchDarklyClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k', maxRetries: 0 }).accessTokens.getToken({ id: 'x' }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toBe('getToken: connection failed (connection refused, ECONNREFUSED)');
    expect(isGetTokenError(err)).toBe(true);
  });
});
