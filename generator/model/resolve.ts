/** Following internal `$ref`s in the bundled document. */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own data property, whatever the key is called: assigning `__proto__` would set the
 * prototype instead, and a spec or overlay may use any key.
 */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at a JSON pointer (`/a/b`), or undefined. */
export function atPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(decodeURIComponent(raw));
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

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
  return match ? unescapeToken(decodeURIComponent(match[1] ?? '')) : undefined;
}

/** A string field, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
