/** Following internal `$ref`s in the bundled document. */
import { atPointer, isObject, pointerToken, type JsonObject } from '../json.js';

/** Follows `$ref` chains to the object they name; returns the input when it is not a reference. */
export function deref(document: JsonObject, value: unknown): JsonObject {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 32; hops++) {
    const ref = node.$ref;
    if (!ref.startsWith('#')) break;
    node = atPointer(document, ref.slice(1));
  }
  return isObject(node) ? node : {};
}

/** The schema name when `schema` is exactly a reference to a named component schema. */
export function componentSchemaName(schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref);
  return match ? pointerToken(match[1] ?? '') : undefined;
}
