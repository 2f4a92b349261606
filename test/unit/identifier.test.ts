/** Names from a spec become valid, distinct, stable identifiers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelCase, kebabCase, memberName, NameRegistry, pascalCase, typeName, words } from '../../generator/escape/identifier.js';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

describe.each([
  ['registriesTokensGet', 'registriesTokensGet', 'RegistriesTokensGet', 'registries-tokens-get'],
  ['Access tokens', 'accessTokens', 'AccessTokens', 'access-tokens'],
  ['get_app-token', 'getAppToken', 'GetAppToken', 'get-app-token'],
  ['2fa codes', '_2faCodes', '_2faCodes', '2fa-codes'],
  ['JSONPatch', 'jsonPatch', 'JsonPatch', 'json-patch'],
  ['🚀 launch', 'launch', 'Launch', 'launch'],
  // Acronyms stay whole, plurals included; a capital before a capitalised word joins it.
  ['VPCs', 'vpcs', 'Vpcs', 'vpcs'],
  ['Floating IPs', 'floatingIps', 'FloatingIps', 'floating-ips'],
  ['OAuth Delegations', 'oauthDelegations', 'OauthDelegations', 'oauth-delegations'],
  ['IPv6', 'ipv6', 'Ipv6', 'ipv6'],
  ['SSH Keys', 'sshKeys', 'SshKeys', 'ssh-keys'],
  ['XMLHttpRequest', 'xmlHttpRequest', 'XmlHttpRequest', 'xml-http-request'],
  ['IPAddress', 'ipAddress', 'IpAddress', 'ip-address'],
  ['list APIs', 'listApis', 'ListApis', 'list-apis'],
  ['get_user_IDs_v2', 'getUserIdsV2', 'GetUserIdsV2', 'get-user-ids-v2'],
  ['OAuth2Token', 'oauth2Token', 'Oauth2Token', 'oauth2-token'],
  ['Créer un élément', 'creerUnElement', 'CreerUnElement', 'creer-un-element'],
])('%s', (input, camel, pascal, kebab) => {
  it('camelCase / PascalCase / kebab-case', () => {
    expect(camelCase(input)).toBe(camel);
    expect(pascalCase(input)).toBe(pascal);
    expect(kebabCase(input)).toBe(kebab);
  });
});

it('splits into words', () => {
  expect(words('getHTTPResponse')).toEqual(['get', 'HTTP', 'Response']);
  expect(words('ISOs and VPCs')).toEqual(['ISOs', 'and', 'VPCs']);
  expect(words('OAuth')).toEqual(['OAuth']);
  expect(words('usersIDsList')).toEqual(['users', 'IDs', 'List']);
  expect(words('--')).toEqual([]);
});

it('splits a 200,000-character name in linear time', () => {
  // An uppercase run with no lowercase after it made the old regex backtrack at every position.
  for (const name of ['A'.repeat(200_000), 'Ab'.repeat(100_000), `${'AB'.repeat(100_000)}s`, 'a-'.repeat(100_000)]) {
    const started = performance.now();
    pascalCase(name);
    kebabCase(name);
    expect(performance.now() - started).toBeLessThan(5000);
  }
});

it('never names a member then, catch or finally, which would make a resource thenable', () => {
  expect(['then', 'catch', 'finally', 'Then'].map(memberName)).toEqual(['then_', 'catch_', 'finally_', 'then_']);
});

it('keeps reserved member names off the object model', () => {
  expect(['constructor', '__proto__', 'toString', 'delete', 'class'].map(memberName)).toEqual(['constructor_', 'proto', 'toString_', 'delete', 'class']);
  expect(typeName('class')).toBe('Class');
  expect(typeName('JSONPatch')).toBe('JSONPatch');
});

it('hands out distinct names, stable in claim order, ignoring case', () => {
  const names = new NameRegistry(['raw']);
  expect(['token', 'Token', 'raw', 'token'].map((n) => names.claim(n))).toEqual(['token', 'Token2', 'raw2', 'token3']);
});

it('always produces identifiers', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(camelCase(s)).toMatch(IDENT);
      expect(pascalCase(s)).toMatch(IDENT);
      expect(typeName(s)).toMatch(IDENT);
    }),
  );
});
