/** Server URLs that carry a credential, as written or once a variable is filled in, are found and cleaned. */
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../generator/json.js';
import { serverUrlIssues, withoutServerCredentials } from '../../generator/pipeline/check-servers.js';
import { holdsCredentials, userInfoSpan } from '../../generator/url-credentials.js';

function doc(servers: unknown[]): OpenApiDocument {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, servers, paths: {} };
}

function findings(servers: unknown[]): string[] {
  return serverUrlIssues(doc(servers))
    .filter((i) => i.code === 'server-credentials')
    .map((i) => i.pointer);
}

function cleaned(servers: unknown[]): unknown {
  const d = doc(servers);
  withoutServerCredentials(d);
  return d.servers;
}

describe('holdsCredentials', () => {
  it.each([
    'https://user:pw@host/v1',
    // The user info runs to the last `@` of the host part.
    'https://user:p@ss@host/v1',
    'https://:pw@host',
    'https://user@host',
    '//user:pw@host/v1',
    '\\\\user:pw@host/v1',
    'https:user:pw@host',
    'http:user:pw@host',
    'user:pw@host/v1',
    'foo://user:pw@host',
  ])('finds the user info in %s', (url) => {
    expect(holdsCredentials(url)).toBe(true);
  });

  it.each(['https://host/v1', 'https://host/users/a@b', '/v1', 'v1/a@b', 'host.example:8080/v1', '//host/v1', 'https://host/v1?to=a@b', 'https://host/v1#a@b'])(
    'finds none in %s',
    (url) => {
      expect(holdsCredentials(url)).toBe(false);
    },
  );

  it('spans the user info as written, to its last @', () => {
    const strip = (url: string) => {
      const span = userInfoSpan(url);
      return span === undefined ? url : url.slice(0, span[0]) + url.slice(span[1]);
    };
    expect(strip('https://user:p@ss@{host}/v1')).toBe('https://{host}/v1');
    expect(strip('//user:pw@host/a@b')).toBe('//host/a@b');
    expect(strip('user:pw@host/v1')).toBe('host/v1');
    expect(strip('https://host/a@b')).toBe('https://host/a@b');
  });
});

describe('server credentials', () => {
  it('finds and takes out user info written in the URL', () => {
    const servers = [{ url: 'https://user:p@ss@api.example.com/v1' }, { url: '//user:pw@api.example.com/v2' }, { url: 'user:pw@api.example.com/v3' }];
    expect(findings(servers)).toEqual(['/servers/0/url', '/servers/1/url', '/servers/2/url']);
    expect(cleaned(servers)).toEqual([{ url: 'https://api.example.com/v1' }, { url: '//api.example.com/v2' }, { url: 'api.example.com/v3' }]);
  });

  it('takes out the variables only the user info named', () => {
    const servers = [
      { url: 'https://{user}:{password}@{host}/v1', variables: { user: { default: 'u' }, password: { default: 'pw' }, host: { default: 'h.example' } } },
    ];
    expect(findings(servers)).toEqual(['/servers/0/url']);
    expect(cleaned(servers)).toEqual([{ url: 'https://{host}/v1', variables: { host: { default: 'h.example' } } }]);
  });

  it('finds a default and enum values that fill in user info, and keeps the rest of them', () => {
    const servers = [
      {
        url: 'https://{host}/v1',
        variables: { host: { default: 'user:pw@example.com', enum: ['example.com', 'u:p@ss@other.example', 'user:pw@example.com', 'third.example'] } },
      },
      { url: '{server}', variables: { server: { default: 'https://user:pw@whole.example/v1' } } },
      { url: '/{path}', variables: { path: { default: '/user:pw@relative.example' } } },
    ];
    expect(findings(servers)).toEqual([
      '/servers/0/variables/host/default',
      '/servers/0/variables/host/enum/1',
      '/servers/0/variables/host/enum/2',
      '/servers/1/variables/server/default',
      '/servers/2/variables/path/default',
    ]);
    expect(cleaned(servers)).toEqual([
      { url: 'https://{host}/v1', variables: { host: { default: 'example.com', enum: ['example.com', 'other.example', 'third.example'] } } },
      { url: '{server}', variables: { server: { default: 'https://whole.example/v1' } } },
      { url: '/{path}', variables: { path: { default: '/relative.example' } } },
    ]);
  });

  it('leaves out a server whose values make user info only together', () => {
    // Neither makes a URL with user info without the other: `https:` alone, `//user:pw@host` after anything but a scheme.
    const servers = [
      { url: '{scheme}{rest}', variables: { scheme: { default: 'https:' }, rest: { default: '//user:pw@host' } } },
      { url: 'https://kept.example' },
    ];
    expect(findings(servers)).toEqual(['/servers/0/url']);
    expect(cleaned(servers)).toEqual([{ url: 'https://kept.example' }]);
  });

  it('finds nothing in server URLs without user info', () => {
    const servers = [
      { url: 'https://{host}/users/{at}', variables: { host: { default: 'example.com' }, at: { default: 'a@b', enum: ['a@b', 'c'] } } },
      { url: '/v1' },
      { url: '//host.example/v1' },
    ];
    expect(findings(servers)).toEqual([]);
    expect(cleaned(servers)).toEqual(servers);
  });
});

describe('messages about a server URL', () => {
  it('never quote its user info, which may be a credential', () => {
    const issues = serverUrlIssues(
      doc([
        { url: 'https://user:s3cret@host:99999/v1' },
        { url: 'https://{host}/v1', variables: { host: { default: 'example.com', enum: ['example.com', 'admin:s3cret@bad host'] } } },
      ]),
    );
    const messages = issues.filter((i) => i.code !== 'server-credentials').map((i) => i.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).not.toContain('s3cret');
      expect(message).toContain('…@');
    }
  });
});
