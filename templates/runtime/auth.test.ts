/** Credentials on the wire, per scheme, and the plain-http warning. */
import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { authorize, knownSecrets, warnOnPlainHttp, type Credentials, type Requirement, type SchemeSpec } from './auth.js';
import { InvalidInputError, MissingCredentialError } from './errors.js';

const schemes: Record<string, SchemeSpec> = {
  basic: { type: 'basic' },
  bearer: { type: 'bearer' },
  header: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  query: { type: 'apiKey', in: 'query', name: 'api_key' },
  cookie: { type: 'apiKey', in: 'cookie', name: 'session id' },
};

/** {@link authorize}'s outcome as a promise, as the transport awaits it. */
const authorized = async (...args: Parameters<typeof authorize>): Promise<string | undefined> => authorize(...args);

const request = () => new Request('https://api.example.com/things?x=1', { headers: { Cookie: 'a=b' } });

/** What the transport sends: the request's headers with the credentials added, and its URL. */
async function applyAuth(req: Request, requirements: Requirement[], credentials: Credentials): Promise<{ headers: Headers; url: string }> {
  const headers = new Headers(req.headers);
  const url = await authorized(headers, req.url, requirements, schemes, credentials);
  return { headers, url: url ?? req.url };
}

describe('authorize', () => {
  it.each([
    ['bearer', 's3cr3t\r\nX-Injected: 1'],
    ['header', 's3cr3t\nrest'],
    ['header', 's3cr3t\0rest'],
    ['header', 's3cr3t€rest'],
  ])('refuses a %s credential no header can carry, naming the scheme and never the secret', async (scheme, secret) => {
    const outcome = await authorized(new Headers(), 'https://api.example.com/', [[scheme]], schemes, { [scheme]: secret }, 'getThing').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(InvalidInputError);
    const err = outcome as InvalidInputError;
    expect(err.message).toBe(`getThing: the credential for ${scheme} holds a line break, a NUL or a character above U+00FF, which an HTTP header cannot carry`);
    expect(err.operationId).toBe('getThing');
    expect(err.cause).toBeUndefined();
    for (const shown of [err.message, String(err.stack), inspect(err, { depth: 5 })]) {
      expect(shown).not.toContain('s3cr3t');
    }
  });
  it('still sends credentials that travel encoded, whatever they hold', async () => {
    const r = await applyAuth(request(), [['query', 'cookie']], { query: 'a\r\nb', cookie: 'c\nd' });
    expect(new URL(r.url).searchParams.get('api_key')).toBe('a\r\nb');
    expect(r.headers.get('cookie')).toBe('a=b; session%20id=c%0Ad');
  });
  it('encodes basic credentials, colons and UTF-8 included', async () => {
    const r = await applyAuth(request(), [['basic']], { basic: { username: 'ü@x', password: 'p:w' } });
    expect(r.headers.get('authorization')).toBe(`Basic ${Buffer.from('ü@x:p:w').toString('base64')}`);
  });
  it('reads a bearer token from an async function on each call', async () => {
    let n = 0;
    const creds = { bearer: async () => `tok-${++n}` };
    expect((await applyAuth(request(), [['bearer']], creds)).headers.get('authorization')).toBe('Bearer tok-1');
    expect((await applyAuth(request(), [['bearer']], creds)).headers.get('authorization')).toBe('Bearer tok-2');
  });
  it('puts API keys in a header, the query or a cookie', async () => {
    const r = await applyAuth(request(), [['header', 'query', 'cookie']], { header: 'h', query: 'q&1', cookie: 'c;1' });
    expect(r.headers.get('x-api-key')).toBe('h');
    expect(new URL(r.url).searchParams.get('api_key')).toBe('q&1');
    expect(new URL(r.url).searchParams.get('x')).toBe('1');
    expect(r.headers.get('cookie')).toBe('a=b; session%20id=c%3B1');
  });
  it('uses the first alternative whose credentials are all configured', async () => {
    const r = await applyAuth(request(), [['basic'], ['bearer']], { bearer: 't' });
    expect(r.headers.get('authorization')).toBe('Bearer t');
  });
  it('refuses the call when no alternative can be satisfied, naming what would supply each', async () => {
    const hinted: Record<string, SchemeSpec> = {
      basic: { type: 'basic', hint: 'username and password (options) or API_USERNAME and API_PASSWORD (environment)' },
      bearer: { type: 'bearer', hint: 'token (option) or API_TOKEN (environment)' },
      header: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    };
    const outcome = await authorized(new Headers(), 'https://api.example.com/', [['basic'], ['bearer', 'header']], hinted, { header: 'k3y' }, 'getThing').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(MissingCredentialError);
    expect((outcome as MissingCredentialError).message).toBe(
      'getThing: no credentials for this call; give username and password (options) or API_USERNAME and API_PASSWORD (environment); or token (option) or API_TOKEN (environment), with a credential for header',
    );
    expect((outcome as MissingCredentialError).message).not.toContain('k3y');
  });

  it('sends without credentials when an empty requirement allows it, and prefers one it can satisfy', async () => {
    const anonymous = await applyAuth(request(), [[], ['bearer']], {});
    expect(anonymous.headers.get('authorization')).toBeNull();
    const preferred = await applyAuth(request(), [[], ['bearer']], { bearer: 't0ken' });
    expect(preferred.headers.get('authorization')).toBe('Bearer t0ken');
  });

  it('sends without credentials when the operation needs none', async () => {
    const r = await applyAuth(request(), [], {});
    expect(r.headers.get('authorization')).toBeNull();
  });
});

describe('knownSecrets', () => {
  it('lists string secrets, a Basic password and its encoded pair, never a function or a user name', () => {
    expect(knownSecrets({ key: 'k3y-value', rotating: () => 'later', basic: { username: 'admin', password: 'pw1234' }, none: undefined })).toEqual([
      'k3y-value',
      'pw1234',
      btoa('admin:pw1234'),
    ]);
  });
});

describe('warnOnPlainHttp', () => {
  it('warns once per host, never for loopback or https', () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    warnOnPlainHttp('http://api.internal.test', true, warn);
    warnOnPlainHttp('http://api.internal.test/v2', true, warn);
    warnOnPlainHttp('http://127.0.0.1:8080', true, warn);
    warnOnPlainHttp('http://localhost', true, warn);
    warnOnPlainHttp('https://api.example.com', true, warn);
    warnOnPlainHttp('http://other.test', false, warn);
    expect(warnings).toEqual(['credentials will be sent over plain http to api.internal.test; use https']);
  });
});

describe('authorize without a promise', () => {
  it('applies credentials given as strings at once, with no promise to await', () => {
    const headers = new Headers();
    const url = authorize(headers, 'https://api.example.com/things', [['bearer', 'cookie']], schemes, { bearer: 'tok', cookie: 'c1' });
    expect(url).toBeUndefined();
    expect(headers.get('Authorization')).toBe('Bearer tok');
    expect(headers.get('Cookie')).toBe('session%20id=c1');
    const basic = new Headers();
    expect(authorize(basic, 'https://api.example.com/', [['basic']], schemes, { basic: { username: 'u', password: 'p' } })).toBeUndefined();
    expect(basic.get('Authorization')).toBe(`Basic ${btoa('u:p')}`);
    expect(authorize(new Headers(), 'https://api.example.com/t', [['query']], schemes, { query: 'k' })).toBe('https://api.example.com/t?api_key=k');
  });

  it('adds a query credential without writing the rest of the query again', () => {
    const url = 'https://api.example.com/t?filter[name]=a%26b&ids=1,2&path=/x/y&api_key=old';
    expect(authorize(new Headers(), url, [['query']], schemes, { query: 'k y&z' })).toBe(
      'https://api.example.com/t?filter[name]=a%26b&ids=1,2&path=/x/y&api_key=k+y%26z',
    );
  });

  it('awaits secret functions, called in the order the schemes apply, and only those of the requirement chosen', async () => {
    const calls: string[] = [];
    const secret = (name: string, value: string) => async () => {
      calls.push(name);
      return value;
    };
    const headers = new Headers();
    const pending = authorize(headers, 'https://api.example.com/', [['header', 'basic'], ['bearer']], schemes, {
      header: secret('header', 'k3y'),
      basic: { username: secret('user', 'u'), password: 'p' },
      bearer: secret('bearer', 'unused'),
    });
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBeUndefined();
    expect(calls).toEqual(['header', 'user']);
    expect(headers.get('X-Api-Key')).toBe('k3y');
    expect(headers.get('Authorization')).toBe(`Basic ${btoa('u:p')}`);
  });

  it('throws at once when no requirement can be met', () => {
    expect(() => authorize(new Headers(), 'https://api.example.com/', [['bearer']], schemes, {}, 'getThing')).toThrow(MissingCredentialError);
  });

  it('takes an empty credential for none, and goes on to the next requirement', async () => {
    expect(() => authorize(new Headers(), 'https://api.example.com/', [['bearer']], schemes, { bearer: '' }, 'getThing')).toThrow(MissingCredentialError);
    const headers = new Headers();
    await authorize(headers, 'https://api.example.com/', [['bearer'], ['header']], schemes, { bearer: '', header: 'k3y' }, 'getThing');
    expect(headers.get('Authorization')).toBeNull();
    expect(headers.get('X-Api-Key')).toBe('k3y');
  });

  const cases: [string, string, Credentials][] = [
    ['a token', 'bearer', { bearer: () => '' }],
    ['a token read late', 'bearer', { bearer: () => Promise.resolve('') }],
    ['a password', 'basic', { basic: { username: 'u', password: () => '' } }],
    // Plain JavaScript, or a store typed `any`, may give anything: none of it is sent as a credential.
    ['undefined for a token', 'bearer', { bearer: (() => undefined) as unknown as () => string }],
    ['null for a token', 'bearer', { bearer: (() => null) as unknown as () => string }],
    ['an object for a token', 'bearer', { bearer: (() => ({ token: 'k' })) as unknown as () => string }],
    ['undefined for a password', 'basic', { basic: { username: 'u', password: (() => undefined) as unknown as () => string } }],
  ];
  it.each(cases)('refuses %s that a function gives as empty, before anything is sent', async (_label, scheme, credentials) => {
    const headers = new Headers();
    const hinted = { ...schemes, [scheme]: { ...schemes[scheme]!, hint: 'token (option) or X_TOKEN (environment)' } };
    const outcome = await Promise.resolve()
      .then(() => authorize(headers, 'https://api.example.com/', [[scheme]], hinted, credentials, 'getThing'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(outcome).toBeInstanceOf(MissingCredentialError);
    expect((outcome as Error).message).toBe(`getThing: the credential for ${scheme} is empty; give token (option) or X_TOKEN (environment)`);
    expect(headers.get('Authorization')).toBeNull();
  });
});
