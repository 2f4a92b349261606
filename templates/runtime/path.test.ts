/** Path parameters filled into their template: what is sent as it is, and what is refused. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors.js';
import { checkedPathSerializer, routePath } from './path.js';

const BASE = 'https://api.example.com/api/v2';

describe('routePath', () => {
  it.each([
    ['/assignment/roles#x-amz-sso_bearer_token&account_id', '/assignment/roles'],
    ['/{Bucket}/{Key}#uploadId', '/{Bucket}/{Key}'],
    ['/things/{id}', '/things/{id}'],
  ])('%s → %s', (key, path) => {
    expect(routePath(key)).toBe(path);
  });
});

describe('checkedPathSerializer', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['/tokens/{id}', { id: 'abc' }, '/tokens/abc'],
    ['/tokens/{id}', { id: 'a/../b' }, '/tokens/a%2F..%2Fb'],
    ['/tokens/{id}', { id: '...' }, '/tokens/...'],
    ['/tokens/{id}', { id: '%2E%2E' }, '/tokens/%252E%252E'],
    ['/tokens/{id}', { id: '..x' }, '/tokens/..x'],
    ['/files/{name}.json', { name: '..' }, '/files/...json'],
    ['/tokens/{id}/', { id: 7 }, '/tokens/7/'],
    ['/things/{;id}', { id: '..' }, '/things/;id=..'],
    ['/things/{id*}', { id: ['a', 'b'] }, '/things/a,b'],
  ])('%s with %o → %s', (path, params, expected) => {
    expect(checkedPathSerializer(`${BASE}${path}`, params)).toBe(`${BASE}${expected}`);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['/tokens/{id}', { id: '..' }, 'path parameter "id" makes the path segment ".."'],
    ['/tokens/{id}', { id: '.' }, 'path parameter "id" makes the path segment "."'],
    ['/tokens/{id}/reset', { id: '..' }, 'path parameter "id" makes the path segment ".."'],
    ['/things/{.id}', { id: '.' }, 'path parameter "id" makes the path segment ".."'],
    ['/things/{id}', { id: ['..'] }, 'path parameter "id" makes the path segment ".."'],
    ['/things/{a}{b}', { a: '.', b: '.' }, 'path parameter "a", "b" makes the path segment ".."'],
    ['/tokens/{id}', { id: '' }, 'path parameter "id" is empty'],
    ['/tokens/{id}', {}, 'path parameter "id" is missing'],
    ['/tokens/{id}', { id: undefined }, 'path parameter "id" is missing'],
  ])('%s with %o is refused', (path, params, problem) => {
    const attempt = () => checkedPathSerializer(`${BASE}${path}`, params);
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(`${problem}, which would send the call to another path; nothing was sent`);
  });

  it('checks a path under a relative base URL too', () => {
    expect(() => checkedPathSerializer('/{id}', { id: '..' })).toThrow(InvalidInputError);
    expect(checkedPathSerializer('/{id}', { id: 'x' })).toBe('/x');
  });

  it('leaves the base URL alone, dots and all', () => {
    expect(checkedPathSerializer('https://api.example.com/a/../v2/tokens/{id}', { id: 'x' })).toBe('https://api.example.com/a/../v2/tokens/x');
  });
});
