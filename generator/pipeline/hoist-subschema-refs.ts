/**
 * References into the inside of a schema (`#/components/schemas/Tag/allOf/0`,
 * `#/components/parameters/limit/schema`, `#/paths/~1pets/get/responses/200/content/application~1json/schema`)
 * are valid OpenAPI, but openapi-typescript types a reference as an indexed access into its own
 * output (`components["schemas"]["Tag"]["allOf"]["0"]`), which does not exist there: the package
 * would not compile. Each such target is given a name of its own under `components/schemas` and
 * the references point to that name, so the types say the same thing through a path that exists.
 */
import { isObject, type JsonObject, type OpenApiDocument } from '../json.js';
import { pointerToken } from '../issues.js';
import { SCHEMA_LISTS, SCHEMA_SINGLES } from './schema-keywords.js';

/** Keywords whose value is a map of schemas (lists and single schemas: schema-keywords.ts). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keys whose values are data, not OpenAPI objects: a `$ref` inside them is not a reference. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The decoded tokens of a local reference, or undefined for any other reference. */
function refTokens(ref: string): string[] | undefined {
  if (!ref.startsWith('#/')) return undefined;
  try {
    return ref
      .slice(2)
      .split('/')
      .map((t) => unescapeToken(decodeURIComponent(t)));
  } catch {
    return undefined;
  }
}

/**
 * Whether a pointer names a schema nested inside a named schema or inside another OpenAPI object
 * (a parameter's, header's or media type's `schema`), rather than a component schema itself.
 */
export function isSubSchemaPointer(tokens: readonly string[]): boolean {
  let i: number;
  if (tokens[0] === 'components' && tokens[1] === 'schemas') {
    if (tokens.length <= 3) return false;
    i = 3;
  } else {
    const at = tokens.indexOf('schema');
    if (at === -1) return false;
    i = at + 1;
  }
  while (i < tokens.length) {
    const token = tokens[i] as string;
    if (SCHEMA_MAPS.has(token) || SCHEMA_LISTS.has(token)) {
      if (i + 1 >= tokens.length) return false;
      i += 2;
    } else if (SCHEMA_SINGLES.has(token)) i += 1;
    else return false;
  }
  return true;
}

/** `#/components/<kind>/<name>` exactly: most references are, and need no decoding to tell. */
function isComponentRef(ref: string): boolean {
  if (!ref.startsWith('#/components/')) return false;
  const kindEnd = ref.indexOf('/', 13);
  return kindEnd !== -1 && ref.indexOf('/', kindEnd + 1) === -1;
}

/** Every object holding a `$ref` to a nested schema, outside data values and extensions. */
function collect(document: unknown): JsonObject[] {
  const holders: JsonObject[] = [];
  // A parsed and bundled document is a tree: no node is visited twice. The walk allocates only its
  // stack, since it runs on every spec and a large one has millions of nodes.
  const stack: object[] = [document as object];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const object = node as JsonObject;
    const ref = object.$ref;
    if (typeof ref === 'string' && !isComponentRef(ref)) {
      const tokens = refTokens(ref);
      if (tokens && isSubSchemaPointer(tokens)) holders.push(object);
    }
    for (const key in object) {
      const value = object[key];
      if (typeof value !== 'object' || value === null || DATA_KEYS.has(key) || key.startsWith('x-')) continue;
      stack.push(value);
    }
  }
  return holders;
}

/** The value at a pointer, following `$ref`s met on the way (a nested schema may sit behind one). */
function resolveTokens(document: JsonObject, tokens: readonly string[]): unknown {
  let node: unknown = document;
  for (const token of tokens) {
    for (let hops = 0; isObject(node) && !(token in node) && typeof node.$ref === 'string' && hops < 32; hops++) {
      const next = refTokens(node.$ref);
      node = next ? resolveTokens(document, next) : undefined;
    }
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * The document openapi-typescript should type: the same document when no reference points into a
 * schema, else a copy in which every such target is also a component schema of its own, named by
 * its pointer (`Tag/allOf/0`, `parameters/limit/schema`), and referenced by that name.
 */
export function hoistSubSchemaRefs(document: OpenApiDocument): OpenApiDocument {
  if (collect(document).length === 0) return document;
  const copy = structuredClone<JsonObject>(document);
  const holders = collect(copy);
  const components = isObject(copy.components) ? copy.components : (copy.components = {});
  const schemas = isObject(components.schemas) ? components.schemas : (components.schemas = {});
  const names = new Map<string, string>();
  const targets: [JsonObject, string, unknown][] = [];
  // Every target is resolved before any reference is rewritten, so each is read as the spec wrote it.
  for (const holder of holders) {
    const ref = holder.$ref as string;
    const tokens = refTokens(ref) ?? [];
    targets.push([holder, ref, resolveTokens(copy, tokens)]);
  }
  for (const [holder, ref, target] of targets) {
    if (target === undefined) continue;
    let name = names.get(ref);
    if (name === undefined) {
      const tokens = refTokens(ref) ?? [];
      const base = tokens.slice(tokens[0] !== 'components' ? 0 : tokens[1] === 'schemas' ? 2 : 1).join('/');
      name = base;
      for (let n = 2; name in schemas; n++) name = `${base}_${n}`;
      schemas[name] = target;
      names.set(ref, name);
    }
    // Escaped as Redocly and openapi-typescript read a pointer: `~` and `/` first, then percent-encoding.
    holder.$ref = `#/components/schemas/${encodeURIComponent(pointerToken(name))}`;
  }
  return copy;
}
