/** Names from a spec become valid, distinct, stable identifiers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelCase, kebabCase, memberName, NameRegistry, pascalCase, typeName } from '../../generator/escape/identifier.js';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

describe.each([
  ['registriesTokensGet', 'registriesTokensGet', 'RegistriesTokensGet', 'registries-tokens-get'],
  ['Access tokens', 'accessTokens', 'AccessTokens', 'access-tokens'],
  ['get_app-token', 'getAppToken', 'GetAppToken', 'get-app-token'],
  ['2fa codes', '_2faCodes', '_2faCodes', '2fa-codes'],
  ['JSONPatch', 'jsonPatch', 'JsonPatch', 'json-patch'],
  ['🚀 launch', 'launch', 'Launch', 'launch'],
])('%s', (input, camel, pascal, kebab) => {
  it('camelCase / PascalCase / kebab-case', () => {
    expect(camelCase(input)).toBe(camel);
    expect(pascalCase(input)).toBe(pascal);
    expect(kebabCase(input)).toBe(kebab);
  });
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
