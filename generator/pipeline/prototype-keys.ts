/**
 * Keys named after Object.prototype members. Redocly looks every key of a map up in a plain-object
 * type table, so a security scheme named `valueOf` or `hasOwnProperty` finds Object.prototype's
 * function there and its walker throws (a property named `constructor` gets a false finding). Before
 * Redocly reads a document that has such keys, they are given a suffix (in `$ref` pointers too), and
 * the pointers of its findings lose it again; generation itself reads the document as written.
 */
import { isObject, setOwn } from '../json.js';

// Characters every map-name rule accepts, so the renamed key raises no finding of its own.
const SUFFIX = '.tokenkit-own';

function isPrototypeKey(key: string): boolean {
  return key in Object.prototype;
}

/** Whether any key of the document is named after an Object.prototype member. */
export function hasPrototypeKeys(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...(current as unknown[]).filter((v) => typeof v === 'object' && v !== null));
    else if (isObject(current)) {
      for (const key of Object.keys(current)) {
        if (isPrototypeKey(key)) return true;
        const child = current[key];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return false;
}

function shadowToken(token: string): string {
  return isPrototypeKey(token) ? `${token}${SUFFIX}` : token;
}

/** A copy of the document with such keys (and the same names in `$ref` pointers) suffixed. */
export function shadowPrototypeKeys(node: unknown, depth = 0): unknown {
  // The document's depth is bounded before validation runs (see nesting.ts).
  if (Array.isArray(node)) return node.map((v) => shadowPrototypeKeys(v, depth + 1));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const value = key === '$ref' && typeof node[key] === 'string' ? shadowRef(node[key]) : shadowPrototypeKeys(node[key], depth + 1);
    setOwn(out, shadowToken(key), value);
  }
  return out;
}

function shadowRef(ref: string): string {
  const hash = ref.indexOf('#');
  if (hash === -1) return ref;
  return `${ref.slice(0, hash + 1)}${ref
    .slice(hash + 1)
    .split('/')
    .map(shadowToken)
    .join('/')}`;
}

/** A pointer into the suffixed copy (or a message naming such a key), as of the document as written. */
export function unshadow(text: string): string {
  return text.replace(/([A-Za-z_]+)\.tokenkit-own/g, (match, key: string) => (isPrototypeKey(key) ? key : match));
}
