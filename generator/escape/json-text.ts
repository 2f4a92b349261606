/** JSON text for generated files: `JSON.stringify`, with what a reader would not see written as escapes. */

// Bidirectional marks, overrides and isolates, zero-width characters and the BOM: raw, they reorder
// or hide text in a docs page, a curl line, package.json or the manifest. In JSON they can only
// stand inside strings, where `\uXXXX` is the same value.
const UNSEEN = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
const UNSEEN_ALL = new RegExp(UNSEEN.source, 'g');

/** JSON text with its invisible and bidirectional characters escaped; the same string when it has none. */
export function withUnseenEscaped(json: string): string {
  return UNSEEN.test(json) ? json.replace(UNSEEN_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** `JSON.stringify(value, null, indent)` with invisible and bidirectional characters escaped. */
export function jsonText(value: unknown, indent?: number): string {
  return withUnseenEscaped(JSON.stringify(value, null, indent));
}
