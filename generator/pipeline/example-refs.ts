/**
 * Example values are data: a `$ref` key inside one is not a reference, but bundlers resolve it all
 * the same (and fail). Such keys are renamed before bundling and restored after it.
 */
import { isObject, setOwn } from '../json.js';

const HIDDEN = '$ref\u0000example';

function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, key));
  if (!isObject(value)) return false;
  if (Object.hasOwn(value, key)) return true;
  for (const k in value) if (hasKey(value[k], key)) return true;
  return false;
}

// Examples are copied only when they hold the key: a large spec has megabytes of examples and few such keys.
function renameKeys(value: unknown, from: string, to: string): unknown {
  return hasKey(value, from) ? renamed(value, from, to) : value;
}

function renamed(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k === from ? to : k, renamed(v, from, to));
  return out;
}

/**
 * Keys whose value maps names the spec chose to objects: a schema property named `example` or
 * `value` (or a component named so) is a schema, not an example, and its own examples lie inside it.
 */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependentSchemas',
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'paths',
  'content',
  'encoding',
  'variables',
]);

/** Applies `fix` to every example value in the document (in place), wherever OpenAPI puts them. */
function eachExample(node: unknown, fix: (value: unknown) => unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) eachExample(child, fix);
    return;
  }
  if (!isObject(node)) return;
  // Not Object.entries: this walks every node of the document, twice a run, and would allocate a pair for each key.
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    const child = node[key];
    if (NAME_MAPS.has(key) && isObject(child)) {
      for (const name in child) if (Object.hasOwn(child, name)) eachExample(child[name], fix);
    } else if (key === 'example') node[key] = fix(child);
    else if (key === 'examples' && Array.isArray(child)) node[key] = child.map(fix);
    else if (key === 'examples' && isObject(child)) {
      // Example Objects: only their `value` is data; a `$ref` beside it names a reusable example.
      for (const entry of Object.values(child)) if (isObject(entry) && 'value' in entry) entry.value = fix(entry.value);
    } else if (key === 'value' && isObject(node) && ('summary' in node || 'externalValue' in node)) node[key] = fix(child);
    else eachExample(child, fix);
  }
}

/** Hides `$ref` keys inside examples from bundlers. */
export function hideExampleRefs(document: unknown): void {
  eachExample(document, (v) => renameKeys(v, '$ref', HIDDEN));
}

/** Puts them back. */
export function restoreExampleRefs(document: unknown): void {
  eachExample(document, (v) => renameKeys(v, HIDDEN, '$ref'));
}
