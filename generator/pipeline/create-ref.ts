/**
 * openapi-typescript's `createRef`, with the same results for less work. Its transform calls it at
 * every node as `createRef([parentPath, key])`, and each call parses the whole parent pointer again
 * (split, unescape and percent-decode every segment, then escape each back): on GitHub's spec that
 * is about a tenth of a second. A parent pointer that the round trip leaves as it is (no `%`, every
 * `~` an escape, no empty segment, no second `#/`) is copied instead; anything else takes the
 * original steps, with Redocly's own functions, so quirks and errors stay the same.
 *
 * The CLI bundle puts this in place of the original (bin/bundle.js); outside the bundle the original
 * runs. test/unit/dependency-patches.test.ts compares the two on generated input.
 */
import { escapePointer, parseRef } from '@redocly/openapi-core/lib/ref-utils.js';

// A `~` that is not the start of `~0` or `~1` would be escaped anew by the round trip.
const LONE_TILDE = /~(?![01])/;

/** The JSON pointer (`#/a/b`) the parts name, as openapi-typescript 7.13's `createRef` makes it. */
export function createRef(parts: readonly unknown[]): string {
  let pointer = '#';
  for (const part of parts) {
    if (part === undefined || part === null || part === '') continue;
    if (typeof part === 'number' || (typeof part === 'string' && !part.includes('#/'))) {
      // Not a pointer: parseRef finds no segment in it, and the part itself is escaped.
      pointer += `/${escapePointer(part)}`;
      continue;
    }
    if (typeof part === 'string' && unchangedByRoundTrip(part)) {
      pointer += part.slice(1);
      continue;
    }
    // As the original does, whatever the part is (an object reads as `[object Object]`).
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const segments = parseRef(String(part)).pointer;
    if (segments.length > 0) for (const segment of segments) pointer += `/${escapePointer(segment)}`;
    else pointer += `/${escapePointer(part as string)}`;
  }
  return pointer;
}

/** Whether parsing `#/…` into segments and escaping each again gives back the same text. */
function unchangedByRoundTrip(part: string): boolean {
  return (
    part.startsWith('#/') &&
    part.length > 2 &&
    !part.endsWith('/') &&
    part.indexOf('#/', 2) === -1 &&
    !part.includes('//') &&
    !part.includes('%') &&
    !LONE_TILDE.test(part)
  );
}
