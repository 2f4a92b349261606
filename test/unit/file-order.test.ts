/** The one order of a package's files, which the manifest's bytes depend on. */
import { describe, expect, it } from 'vitest';
import { byPath, sortedByPath } from '../../generator/pipeline/file-order.js';

describe('sortedByPath', () => {
  it('orders by code units, not by locale: capitals before lower case, dot-files first', () => {
    const sorted = sortedByPath([
      ['src/index.ts', 1],
      ['docs/Api.md', 2],
      ['README.md', 3],
      ['.tokenkit.json', 4],
      ['docs/api.md', 5],
      ['CHANGELOG.md', 6],
    ]);
    expect([...sorted.keys()]).toEqual(['.tokenkit.json', 'CHANGELOG.md', 'README.md', 'docs/Api.md', 'docs/api.md', 'src/index.ts']);
    expect(sorted.get('README.md')).toBe(3);
  });

  it('byPath says 0 only for the same path', () => {
    expect(byPath(['a', 1], ['a', 2])).toBe(0);
    expect(byPath(['a', 1], ['b', 1])).toBe(-1);
    expect(byPath(['b', 1], ['a', 1])).toBe(1);
  });
});
