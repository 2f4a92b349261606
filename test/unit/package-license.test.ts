/** The generated package's license: the package's own, else the spec's when it names one plainly, else none. */
import { describe, expect, it } from 'vitest';
import { packageLicense } from '../../generator/model/package-license.js';

const spec = (info: Record<string, unknown>, ext?: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 'T', version: '1', ...info },
  ...(ext ? { 'x-tokenkit': ext } : {}),
});

describe('packageLicense', () => {
  it.each([
    ['an SPDX identifier', { license: { name: 'Whatever', identifier: 'MIT' } }, 'MIT'],
    ['an SPDX id as the name', { license: { name: 'Apache-2.0' } }, 'Apache-2.0'],
    ['an expression as the name', { license: { name: 'MIT OR Apache-2.0' } }, 'MIT OR Apache-2.0'],
    ['a plain name with its version', { license: { name: 'Apache 2.0' } }, 'Apache-2.0'],
    ['a long name with its version', { license: { name: 'Apache License, Version 2.0' } }, 'Apache-2.0'],
    ['a name holding an unversioned id', { license: { name: 'MIT License' } }, 'MIT'],
    ['a family without its version', { license: { name: 'BSD' } }, undefined],
    ['a family without its version, again', { license: { name: 'GPL' } }, undefined],
    ['a name that is no license', { license: { name: 'Proprietary' } }, undefined],
    ['a company name', { license: { name: 'Proprietary - Example Limited' } }, undefined],
    ['a word holding an id', { license: { name: 'Permit' } }, undefined],
    ['an id with more words', { license: { name: 'MIT-style' } }, undefined],
    ['a family and a year', { license: { name: 'BSD-like 2019' } }, undefined],
    ['the long form', { license: { name: 'The MIT License (MIT)' } }, 'MIT'],
    ['a short version', { license: { name: 'Apache 2' } }, 'Apache-2.0'],
    ['a v version', { license: { name: 'Apache License v2.0' } }, 'Apache-2.0'],
    ['a bad identifier, a plain name', { license: { name: 'MIT', identifier: 'not a license' } }, 'MIT'],
    ['no license', {}, undefined],
  ])('%s', (_label, info, expected) => {
    expect(packageLicense(spec(info))).toBe(expected);
  });

  it("takes the package's own over the spec's", () => {
    expect(packageLicense(spec({ license: { name: 'Apache 2.0' } }, { license: 'UNLICENSED' }))).toBe('UNLICENSED');
    expect(packageLicense(spec({}, { license: 'MIT' }))).toBe('MIT');
  });
});
