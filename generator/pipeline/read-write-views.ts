/**
 * `readOnly` and `writeOnly` properties: a `readOnly` one is sent by the server and not by the
 * client (an `id`, often `required`), a `writeOnly` one the reverse (a `password`). openapi-fetch
 * tells them apart only through openapi-typescript's `$Read`/`$Write` markers, which would leak into
 * every named model a user reads (`token.id: $Read<string>`); without them, one type serves both
 * directions, and a request body must carry every required `readOnly` property, which the caller
 * cannot know. So the document is given the two views before anything is typed:
 * - a component schema keeps its name as the read view, what responses hold: without its
 *   `writeOnly` properties;
 * - a component schema a request body reaches that has `readOnly` or `writeOnly` properties, itself
 *   or through its references, gets a write view named `<Name>Writable` (as hey-api names it):
 *   without its `readOnly` properties (and out of `required`), with its references to such schemas
 *   pointing at their write views; request bodies refer to the write views.
 * openapi-fetch then accepts and returns exactly the named models, and the models say what is sent.
 * The model snapshot `diff` compares is taken from the document as the spec writes it.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-19
 */
import { atPointer, isObject, pointerToken, setOwn, type JsonObject, type OpenApiDocument } from '../json.js';
import { HTTP_METHODS } from '../model/http-methods.js';
import { SCHEMA_LISTS, SCHEMA_SINGLES } from './schema-keywords.js';

const PREFIX = '#/components/schemas/';
const SCHEMA_MAPS = new Set(['patternProperties', '$defs', 'dependentSchemas']);

type Flag = 'readOnly' | 'writeOnly';

/**
 * The component schema a local reference points into, and the rest of its pointer: `Tag` and '' for
 * `#/components/schemas/Tag`, `Tag` and `/properties/owner` for a reference into its inside.
 */
function componentRef(ref: unknown): { name: string; rest: string } | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(PREFIX)) return undefined;
  const slash = ref.indexOf('/', PREFIX.length);
  try {
    return { name: pointerToken(ref.slice(PREFIX.length, slash === -1 ? undefined : slash)), rest: slash === -1 ? '' : ref.slice(slash) };
  } catch {
    // A malformed percent-escape: not a reference this module can follow.
    return undefined;
  }
}

/**
 * Whether the inside of `schema` a pointer names is still there once the properties marked `drop`
 * are left out: a reference to a dropped property must keep pointing at the schema as written.
 */
function survives(schema: unknown, rest: string, drop: Flag): boolean {
  let node = schema;
  let previous = '';
  try {
    for (const token of rest.split('/').slice(1).map(pointerToken)) {
      if (!isObject(node) && !Array.isArray(node)) return false;
      const next: unknown = Array.isArray(node) ? node[Number(token)] : Object.hasOwn(node, token) ? node[token] : undefined;
      if (previous === 'properties' && isObject(next) && next[drop] === true) return false;
      previous = token;
      node = next;
    }
  } catch {
    return false;
  }
  return true;
}

function refTo(name: string): string {
  return `${PREFIX}${encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1'))}`;
}

/** Each nested schema of a schema (not following references). */
function children(schema: JsonObject): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) out.push(...Object.values(value));
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out.push(...(value as unknown[]));
    else if (SCHEMA_MAPS.has(key) && isObject(value)) out.push(...Object.values(value));
    else if (SCHEMA_SINGLES.has(key)) out.push(value);
  }
  return out;
}

/**
 * Whether a property schema is marked `flag`: on itself, or on the schema it refers to, a component
 * or a component's inside (`$ref: '#/components/schemas/Disk/properties/root_pass'`, as Linode's
 * spec shares a writeOnly password), whose marks the reference brings along.
 */
type Marked = (property: unknown, flag: Flag) => boolean;

/** {@link Marked} over the document's component schemas. */
function markedIn(schemas: JsonObject): Marked {
  return (property, flag) => {
    let node = property;
    for (let hops = 0; hops < 8 && isObject(node); hops++) {
      if (node[flag] === true) return true;
      const ref = componentRef(node.$ref);
      if (ref === undefined) return false;
      node = ref.rest === '' ? schemas[ref.name] : atPointer(schemas[ref.name], ref.rest);
    }
    return false;
  };
}

/** Whether a schema has a property marked `flag` (following only references into a component's properties), and the components it refers to. */
function scan(schema: unknown, found: { flags: Set<Flag>; refs: Set<string> }, marked: Marked, depth = 0): void {
  if (!isObject(schema) || depth > 64) return;
  const name = componentRef(schema.$ref)?.name;
  if (name !== undefined) found.refs.add(name);
  if (isObject(schema.properties)) {
    for (const p of Object.values(schema.properties)) {
      if (marked(p, 'readOnly')) found.flags.add('readOnly');
      if (marked(p, 'writeOnly')) found.flags.add('writeOnly');
    }
  }
  if (isObject(schema.discriminator) && isObject(schema.discriminator.mapping)) {
    for (const target of Object.values(schema.discriminator.mapping)) {
      const mapped = componentRef(target)?.name;
      if (mapped !== undefined) found.refs.add(mapped);
    }
  }
  for (const child of children(schema)) scan(child, found, marked, depth + 1);
}

/**
 * A copy of `schema` without the properties marked `drop` (and out of `required`), references
 * renamed by `rename`. Data values (`example`, `default`, `enum`) are kept as they are.
 */
function view(schema: unknown, drop: Flag, rename: (ref: string) => string, marked: Marked, depth = 0): unknown {
  if (!isObject(schema) || depth > 64) return schema;
  const out: JsonObject = {};
  const dropped = new Set<string>();
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out[key] = rename(value);
    else if (key === 'properties' && isObject(value)) {
      const kept = Object.entries(value).filter(([name, p]) => {
        if (!marked(p, drop)) return true;
        dropped.add(name);
        return false;
      });
      out[key] = Object.fromEntries(kept.map(([name, p]) => [name, view(p, drop, rename, marked, depth + 1)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((s) => view(s, drop, rename, marked, depth + 1));
    else if (SCHEMA_MAPS.has(key) && isObject(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([k, s]) => [k, view(s, drop, rename, marked, depth + 1)]));
    else if (SCHEMA_SINGLES.has(key)) out[key] = view(value, drop, rename, marked, depth + 1);
    else if (key === 'discriminator' && isObject(value) && isObject(value.mapping)) {
      const mapping = Object.fromEntries(Object.entries(value.mapping).map(([k, target]) => [k, typeof target === 'string' ? rename(target) : target]));
      out[key] = { ...value, mapping };
    } else setOwn(out, key, value);
  }
  if (dropped.size > 0 && Array.isArray(out.required)) out.required = out.required.filter((r) => !(typeof r === 'string' && dropped.has(r)));
  return out;
}

/** Whether a schema marks a property `flag` itself, not through a reference. */
function marks(schema: unknown, flag: Flag, marked: Marked): boolean {
  const found = { flags: new Set<Flag>(), refs: new Set<string>() };
  scan(schema, found, marked);
  return found.flags.has(flag);
}

/** A copy of a map with each value replaced by `change` (own properties, whatever their names). */
function mapValues(map: JsonObject, change: (value: unknown) => unknown): JsonObject {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, change(value)]));
}

/** A request body or response with the schema of each of its media types replaced; the same object when it has none. */
function withSchemas(holder: unknown, change: (schema: unknown) => unknown): unknown {
  if (!isObject(holder) || !isObject(holder.content)) return holder;
  return {
    ...holder,
    content: mapValues(holder.content, (media) => (isObject(media) && 'schema' in media ? { ...media, schema: change(media.schema) } : media)),
  };
}

/**
 * The document's paths and its request body and response components, with request bodies' schemas
 * changed by `request` and responses' by `response`. Only the objects on the way are copied: the
 * document is shared with the other stages and stays as it is.
 */
function withBodies(document: JsonObject, components: JsonObject, request: (schema: unknown) => unknown, response: (schema: unknown) => unknown): void {
  const responses = (map: unknown) => (isObject(map) ? mapValues(map, (r) => withSchemas(r, response)) : map);
  if (isObject(components.requestBodies)) components.requestBodies = mapValues(components.requestBodies, (body) => withSchemas(body, request));
  if (isObject(components.responses)) components.responses = responses(components.responses);
  if (!isObject(document.paths)) return;
  document.paths = mapValues(document.paths, (item) => {
    if (!isObject(item)) return item;
    const copy: JsonObject = { ...item };
    for (const method of HTTP_METHODS) {
      const op = copy[method];
      if (!isObject(op)) continue;
      const changed: JsonObject = { ...op };
      if ('requestBody' in op) changed.requestBody = withSchemas(op.requestBody, request);
      if ('responses' in op) changed.responses = responses(op.responses);
      copy[method] = changed;
    }
    return copy;
  });
}

/** The schemas of every request body and of every response, inline or in components. */
function bodySchemas(document: JsonObject): { requests: unknown[]; responses: unknown[] } {
  const requests: unknown[] = [];
  const responses: unknown[] = [];
  const add = (list: unknown[], holder: unknown) => {
    if (isObject(holder) && isObject(holder.content)) for (const media of Object.values(holder.content)) if (isObject(media)) list.push(media.schema);
  };
  const components = isObject(document.components) ? document.components : {};
  for (const body of Object.values(isObject(components.requestBodies) ? components.requestBodies : {})) add(requests, body);
  for (const response of Object.values(isObject(components.responses) ? components.responses : {})) add(responses, response);
  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      add(requests, op.requestBody);
      for (const response of Object.values(isObject(op.responses) ? op.responses : {})) add(responses, response);
    }
  }
  return { requests, responses };
}

/** The document with read and write views (see the module comment); the same document when none is needed. */
export function splitReadWriteViews(document: OpenApiDocument): OpenApiDocument {
  const original = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  // A component's views differ when it or a component it reaches marks a property.
  const scans = new Map(Object.keys(original).map((name) => [name, { flags: new Set<Flag>(), refs: new Set<string>() }]));
  const marked = markedIn(original);
  for (const [name, found] of scans) scan(original[name], found, marked);
  const differs = new Set([...scans].filter(([, found]) => found.flags.size > 0).map(([name]) => name));
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, found] of scans) {
      if (!differs.has(name) && [...found.refs].some((r) => differs.has(r))) {
        differs.add(name);
        grew = true;
      }
    }
  }
  // Most documents need no view: nothing marked where a request or a response would see it.
  const bodies = bodySchemas(document);
  const requestsChange = bodies.requests.some((schema) => {
    const found = { flags: new Set<Flag>(), refs: new Set<string>() };
    scan(schema, found, marked);
    return found.flags.size > 0 || [...found.refs].some((r) => differs.has(r));
  });
  const readChanges =
    [...scans.values()].some((found) => found.flags.has('writeOnly')) || bodies.responses.some((schema) => marks(schema, 'writeOnly', marked));
  if (!requestsChange && !readChanges) return document;
  const copy: JsonObject = { ...document };
  const components: JsonObject = isObject(document.components) ? { ...document.components } : {};
  copy.components = components;
  const schemas = mapValues(original, (schema) => schema);
  components.schemas = schemas;
  const taken = new Set(Object.keys(original));
  const writable = new Map<string, string>();
  const queue: string[] = [];
  // A reference into a component's inside (`Tag/properties/owner`) points into its write view too, unless it names a dropped property.
  const toWrite = (ref: string): string => {
    const { name, rest } = componentRef(ref) ?? { name: undefined, rest: '' };
    if (name === undefined || !differs.has(name) || !survives(original[name], rest, 'readOnly')) return ref;
    let target = writable.get(name);
    if (target === undefined) {
      target = `${name}Writable`;
      for (let n = 2; taken.has(target); n++) target = `${name}Writable${n}`;
      taken.add(target);
      writable.set(name, target);
      queue.push(name);
    }
    return `${refTo(target)}${rest}`;
  };
  const same = (ref: string) => ref;
  // Read views in place of the components that mark a writeOnly property: what responses hold, and what the name means.
  for (const [name, found] of scans) if (found.flags.has('writeOnly')) setOwn(schemas, name, view(original[name], 'writeOnly', same, marked));
  withBodies(
    copy,
    components,
    (schema) => view(schema, 'readOnly', toWrite, marked),
    (schema) => (marks(schema, 'writeOnly', marked) ? view(schema, 'writeOnly', same, marked) : schema),
  );
  // Write views, for each component a request body reaches (and the ones they reach).
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const written = view(original[name], 'readOnly', toWrite, marked);
    schemas[writable.get(name) ?? name] =
      isObject(written) && typeof written.description !== 'string'
        ? { ...written, description: `${name}, as a request sends it: without its read-only properties.` }
        : written;
  }
  return copy;
}
