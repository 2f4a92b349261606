/** Credentials on the wire, per scheme, and the plain-http warning. */
import { describe, expect, it } from 'vitest';
import { authorize, warnOnPlainHttp, type Credentials, type Requirement, type SchemeSpec } from './auth.js';

const schemes: Record<string, SchemeSpec> = {
  basic: { type: 'basic' },
  bearer: { type: 'bearer' },
  header: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  query: { type: 'apiKey', in: 'query', name: 'api_key' },
  cookie: { type: 'apiKey', in: 'cookie', name: 'session id' },
};

const request = () => new Request('https://api.example.com/things?x=1', { headers: { Cookie: 'a=b' } });

/** What the transport sends: the request's headers with the credentials added, and its URL. */
async function applyAuth(req: Request, requirements: Requirement[], credentials: Credentials): Promise<{ headers: Headers; url: string }> {
  const headers = new Headers(req.headers);
  const url = await authorize(headers, req.url, requirements, schemes, credentials);
  return { headers, url: url ?? req.url };
}

describe('authorize', () => {
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
  it('sends nothing when no alternative can be satisfied', async () => {
    const r = await applyAuth(request(), [['basic']], {});
    expect(r.headers.get('authorization')).toBeNull();
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
