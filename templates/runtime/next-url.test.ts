/** Which next-page links the client follows: its own origin only, never with user info. */
import { describe, expect, it } from 'vitest';
import { followRequest, PaginationError } from './next-url.js';

const built = new Request('https://api.test:8443/v1/items?limit=2', { headers: { 'x-custom': 'kept' } });

describe('followRequest', () => {
  it.each([
    ['an absolute URL on the origin', 'https://api.test:8443/v1/items?cursor=b', 'https://api.test:8443/v1/items?cursor=b'],
    ['a path', '/v1/items?page=2', 'https://api.test:8443/v1/items?page=2'],
    ['a relative reference', 'items?page=3', 'https://api.test:8443/v1/items?page=3'],
  ])('follows %s with GET and the same headers', (_label, link, url) => {
    const request = followRequest(built, link, 'listItems');
    expect([request.url, request.method, request.headers.get('x-custom')]).toEqual([url, 'GET', 'kept']);
  });

  it.each([
    ['another host', 'https://evil.test:8443/v1/items'],
    ['another port', 'https://api.test:9999/v1/items'],
    ['another scheme', 'http://api.test:8443/v1/items'],
    ['a protocol-relative URL', '//evil.test/v1/items'],
    ['user info', 'https://user:pw@api.test:8443/v1/items'],
    ['not a URL', 'https://api.test:99999999/'],
  ])('refuses %s', (_label, link) => {
    expect(() => followRequest(built, link, 'listItems')).toThrow(PaginationError);
  });

  it('names the foreign origin, never its path or query', () => {
    expect(() => followRequest(built, 'https://evil.test/steal?token=secret', 'listItems')).toThrow(
      /https:\/\/evil\.test, which is not the API's origin https:\/\/api\.test:8443/,
    );
    try {
      followRequest(built, 'https://evil.test/steal?token=secret', 'listItems');
    } catch (err) {
      expect(String(err)).not.toContain('secret');
    }
  });
});
