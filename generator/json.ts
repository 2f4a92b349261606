/**
 * Plain JSON data and the generic helpers every stage uses on it. A leaf module: the pipeline and
 * the model both read the document through these, so neither imports the other for them.
 */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** An OpenAPI document as plain data. */
export type OpenApiDocument = JsonObject;

/** Whether a value is a plain object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own data property, whatever the key is called: assigning `__proto__` would set the
 * prototype instead, and a spec or overlay may use any key.
 */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  // Only `__proto__` has a setter on Object.prototype; every other key assigns an own property, and
  // assigning is several times faster than defining (GitHub's docs examples make millions).
  if (key !== '__proto__') target[key] = value;
  else Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A string field, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** One reference token of a JSON pointer as it appears in a `$ref` (percent-encoded), decoded to the key it names. */
export function pointerToken(raw: string): string {
  // Most tokens are plain names; decoding them is by far the most of following a reference.
  if (!raw.includes('%') && !raw.includes('~')) return raw;
  return decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at a JSON pointer (`/a/b`), or undefined. */
export function atPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = pointerToken(raw);
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}
