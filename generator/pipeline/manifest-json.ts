/**
 * The manifest's text. It is JSON laid out as `JSON.stringify(value, null, 2)` lays it out, except
 * for the model snapshots: each operation and each schema is one line. On a large spec the snapshot
 * is most of the manifest, and indenting its every nested key doubled the file (GitHub's: 10 MB to
 * 5 MB) and the time each run spends writing, reading and parsing it; a changed operation or schema
 * is still one changed line in a diff.
 */

import { withUnseenEscaped } from '../escape/json-text.js';

/** Whether the value at a path (keys from the manifest's root) is written on one line. */
function oneLine(path: readonly string[]): boolean {
  // model.<section>.<name>, and the same inside the released record's model.
  if (path[0] === 'model') return path.length === 3;
  if (path[0] === 'released' && path[1] === 'model') return path.length === 4;
  return false;
}

/** The manifest as text, with a final newline. */
export function manifestJson(manifest: Record<string, unknown>): string {
  return `${withUnseenEscaped(layout(manifest, [], ''))}\n`;
}

function layout(value: unknown, path: string[], indent: string): string {
  // JSON.stringify gives undefined for undefined, which its declared return type leaves out.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (typeof value !== 'object' || value === null || oneLine(path)) return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item, i) => `${inner}${layout(item ?? null, [...path, String(i)], inner)}`).join(',\n')}\n${indent}]`;
  }
  // As JSON.stringify does, keys whose value is undefined (or a function) are left out.
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${layout(v, [...path, key], inner)}`).join(',\n')}\n${indent}}`;
}
