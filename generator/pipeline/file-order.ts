/**
 * The one order of a package's files: by path, compared by UTF-16 code units rather than by locale,
 * so the manifest and every list of files come out the same on every machine.
 */

/** Compares two `[path, value]` entries by path. */
export function byPath([a]: readonly [string, unknown], [b]: readonly [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entries as a map in {@link byPath} order. */
export function sortedByPath<T>(entries: Iterable<[string, T]>): Map<string, T> {
  return new Map([...entries].sort(byPath));
}
