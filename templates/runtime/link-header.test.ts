/** The `Link` header scanner against RFC 8288's own examples and the shapes GitHub and others send. */
import { describe, expect, it } from 'vitest';
import { nextLink, parseLinkHeader } from './link-header.js';

describe('parseLinkHeader', () => {
  it('reads several links with quoted and bare parameters', () => {
    const links = parseLinkHeader('<https://api.github.com/repos?page=2>; rel="next", <https://api.github.com/repos?page=5>; rel=last');
    expect(links.map((l) => [l.target, l.params.get('rel')])).toEqual([
      ['https://api.github.com/repos?page=2', 'next'],
      ['https://api.github.com/repos?page=5', 'last'],
    ]);
  });

  it('keeps commas and semicolons inside quoted values and URIs, and unescapes quoted pairs', () => {
    const links = parseLinkHeader('</a,b;c>; title="x, y; \\"z\\""; rel="prev", </d>;rel=next');
    expect(links.map((l) => [l.target, l.params.get('title'), l.params.get('rel')])).toEqual([
      ['/a,b;c', 'x, y; "z"', 'prev'],
      ['/d', undefined, 'next'],
    ]);
  });

  it('keeps the first of a repeated parameter, lower-cases names, and skips malformed parts', () => {
    const links = parseLinkHeader('garbage, <http://example.com/TheBook/chapter2>; REL="previous"; rel=next; title="previous chapter", ;;, <x>');
    expect(links.map((l) => [l.target, l.params.get('rel')])).toEqual([
      ['http://example.com/TheBook/chapter2', 'previous'],
      ['x', undefined],
    ]);
  });
});

describe('nextLink', () => {
  it.each([
    ['<https://e.com/2>; rel="next"', 'https://e.com/2'],
    ['<https://e.com/1>; rel="prev first", <https://e.com/3>; rel="last next"', 'https://e.com/3'],
    ['<https://e.com/3>; rel="NEXT"', 'https://e.com/3'],
    ['<https://e.com/3>; rel="nextpage"', undefined],
    ['<https://e.com/3>; title="next"', undefined],
    ['', undefined],
  ])('%s → %s', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });

  it('is undefined without a header', () => {
    expect(nextLink(null)).toBeUndefined();
  });
});
