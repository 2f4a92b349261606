/**
 * What changed between two model snapshots, each change named by what it touches and classed as
 * oasdiff and Optic class them: breaking (a client built for the old spec can fail against the new
 * one), non-breaking (additions), or docs (descriptions, summaries and examples only).
 */
import { isObject, type JsonObject } from '../json.js';
import type { ModelSnapshot, OperationSnapshot } from '../model/snapshot.js';

/** How a change affects users of the generated client. */
export type ChangeClass = 'breaking' | 'non-breaking' | 'docs';

/** One change. */
export interface Change {
  class: ChangeClass;
  /** A stable rule name, such as `operation-removed`. */
  rule: string;
  /** The operationId it affects, or the model name for a model change. */
  operation?: string;
  model?: string;
  message: string;
}

const DOC_KEYS = new Set(['description', 'summary', 'example', 'examples', 'title', 'externalDocs', 'x-tokenkit-deviation']);

type Side = { snapshot: ModelSnapshot };

function resolve(side: Side, schema: unknown): JsonObject {
  let node = schema;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 32; hops++) {
    const match = /^#\/components\/schemas\/(.+)$/.exec(node.$ref);
    node = match
      ? side.snapshot.schemas[
          decodeURIComponent(match[1] ?? '')
            .replace(/~1/g, '/')
            .replace(/~0/g, '~')
        ]
      : undefined;
  }
  return isObject(node) ? node : {};
}

/** The schema with documentation keys removed, for telling docs changes from real ones. */
function stripDocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !DOC_KEYS.has(k))
      .map(([k, v]) => [k, stripDocs(v)]),
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * An `allOf` compared as the one object it describes: its parts' properties and required names
 * together, and the type they share. Splitting a model into a base and an extension is then no change.
 */
function flattenAllOf(side: Side, schema: JsonObject, depth = 0): JsonObject {
  if (!Array.isArray(schema.allOf) || depth > 8) return schema;
  const { allOf, ...own } = schema;
  const parts = [own, ...allOf.map((part) => flattenAllOf(side, resolve(side, part), depth + 1))];
  const types = [...new Set(parts.map(typeOf).filter((t) => t !== 'any'))];
  return {
    ...Object.assign({}, ...parts),
    ...(types.length === 1 ? { type: types[0] } : {}),
    properties: Object.assign({}, ...parts.map((p) => (isObject(p.properties) ? p.properties : {}))),
    required: [...new Set(parts.flatMap((p) => (Array.isArray(p.required) ? p.required : [])))],
  };
}

function typeOf(schema: JsonObject): string {
  const t = schema.type;
  if (Array.isArray(t))
    return t
      .filter((x) => x !== 'null')
      .sort()
      .join('|');
  if (typeof t === 'string') return t;
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'any';
}

function nullable(schema: JsonObject): boolean {
  return schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
}

/** Direction decides which side a narrowing breaks: requests break when the server accepts less, responses when it sends more. */
type Direction = 'request' | 'response';

interface SchemaContext {
  old: Side;
  new: Side;
  operation?: string;
  model?: string;
  where: string;
  direction: Direction;
  out: Change[];
  seen: Set<string>;
}

function push(ctx: SchemaContext, cls: ChangeClass, rule: string, message: string): void {
  ctx.out.push({
    class: cls,
    rule,
    message: `${ctx.where}: ${message}`,
    ...(ctx.operation ? { operation: ctx.operation } : {}),
    ...(ctx.model ? { model: ctx.model } : {}),
  });
}

function compareSchemas(ctx: SchemaContext, rawOld: unknown, rawNew: unknown, depth = 0): void {
  const key = `${JSON.stringify(rawOld)}→${JSON.stringify(rawNew)}`;
  if (depth > 12 || ctx.seen.has(key)) return;
  ctx.seen.add(key);
  const a = flattenAllOf(ctx.old, resolve(ctx.old, rawOld));
  const b = flattenAllOf(ctx.new, resolve(ctx.new, rawNew));
  if (typeOf(a) !== typeOf(b) && typeOf(a) !== 'any') {
    push(ctx, 'breaking', 'type-changed', `type changed from ${typeOf(a)} to ${typeOf(b)}`);
    return;
  }
  if (nullable(a) !== nullable(b)) {
    const breaking = ctx.direction === 'response' ? nullable(b) : nullable(a);
    push(
      ctx,
      breaking ? 'breaking' : 'non-breaking',
      nullable(b) ? 'became-nullable' : 'became-non-nullable',
      nullable(b) ? 'may now be null' : 'is no longer nullable',
    );
  }
  const enumA = Array.isArray(a.enum) ? a.enum : undefined;
  const enumB = Array.isArray(b.enum) ? b.enum : undefined;
  if (enumA && enumB) {
    for (const v of enumA.filter((x) => !enumB.some((y) => same(x, y)))) {
      push(ctx, ctx.direction === 'request' ? 'breaking' : 'non-breaking', 'enum-value-removed', `enum value ${JSON.stringify(v)} removed`);
    }
    for (const v of enumB.filter((x) => !enumA.some((y) => same(x, y)))) {
      push(ctx, ctx.direction === 'response' ? 'breaking' : 'non-breaking', 'enum-value-added', `enum value ${JSON.stringify(v)} added`);
    }
  } else if (enumA && !enumB) push(ctx, ctx.direction === 'response' ? 'breaking' : 'non-breaking', 'enum-removed', 'no longer limited to an enum');
  else if (!enumA && enumB) push(ctx, ctx.direction === 'request' ? 'breaking' : 'non-breaking', 'enum-added', 'now limited to an enum');
  if (a.items !== undefined || b.items !== undefined) compareSchemas({ ...ctx, where: `${ctx.where}[]` }, a.items, b.items, depth + 1);
  const propsA = isObject(a.properties) ? a.properties : {};
  const propsB = isObject(b.properties) ? b.properties : {};
  const reqA = new Set(Array.isArray(a.required) ? a.required : []);
  const reqB = new Set(Array.isArray(b.required) ? b.required : []);
  for (const name of Object.keys(propsA)) {
    const where = `${ctx.where}.${name}`;
    if (!(name in propsB)) {
      push({ ...ctx, where }, 'breaking', ctx.direction === 'response' ? 'response-property-removed' : 'request-property-removed', 'property removed');
      continue;
    }
    if (reqA.has(name) && !reqB.has(name) && ctx.direction === 'response')
      push({ ...ctx, where }, 'breaking', 'response-property-became-optional', 'property became optional');
    if (!reqA.has(name) && reqB.has(name) && ctx.direction === 'request')
      push({ ...ctx, where }, 'breaking', 'request-property-became-required', 'property became required');
    if (reqA.has(name) !== reqB.has(name) && !(ctx.direction === 'response' ? reqA.has(name) : reqB.has(name))) {
      push({ ...ctx, where }, 'non-breaking', 'property-requiredness-relaxed', reqB.has(name) ? 'property became required' : 'property became optional');
    }
    compareSchemas({ ...ctx, where }, propsA[name], propsB[name], depth + 1);
  }
  for (const name of Object.keys(propsB).filter((n) => !(n in propsA))) {
    const where = `${ctx.where}.${name}`;
    if (ctx.direction === 'request' && reqB.has(name)) push({ ...ctx, where }, 'breaking', 'request-property-added-required', 'required property added');
    else push({ ...ctx, where }, 'non-breaking', `${ctx.direction}-property-added`, 'property added');
  }
}

function paramKey(p: { name: string; in: string }): string {
  return `${p.in} ${p.name}`;
}

function compareOperation(old: Side, next: Side, id: string, a: OperationSnapshot, b: OperationSnapshot, out: Change[]): void {
  const base = { old, new: next, operation: id, out, seen: new Set<string>() };
  const add = (cls: ChangeClass, rule: string, message: string) => out.push({ class: cls, rule, operation: id, message });
  if (a.method !== b.method || a.path !== b.path)
    add('breaking', 'operation-moved', `moved from ${a.method.toUpperCase()} ${a.path} to ${b.method.toUpperCase()} ${b.path}`);
  const paramsA = new Map(a.parameters.map((p) => [paramKey(p), p]));
  const paramsB = new Map(b.parameters.map((p) => [paramKey(p), p]));
  for (const [key, p] of paramsA) {
    const q = paramsB.get(key);
    if (!q) {
      add('breaking', 'parameter-removed', `${p.in} parameter \`${p.name}\` removed`);
      continue;
    }
    if (!p.required && q.required) add('breaking', 'parameter-became-required', `${p.in} parameter \`${p.name}\` became required`);
    if (p.required && !q.required) add('non-breaking', 'parameter-became-optional', `${p.in} parameter \`${p.name}\` became optional`);
    compareSchemas({ ...base, where: `${p.in} parameter \`${p.name}\``, direction: 'request' }, p.schema, q.schema);
  }
  for (const [key, q] of paramsB) {
    if (paramsA.has(key)) continue;
    if (q.required) add('breaking', 'parameter-added-required', `required ${q.in} parameter \`${q.name}\` added`);
    else add('non-breaking', 'parameter-added', `optional ${q.in} parameter \`${q.name}\` added`);
  }
  if (a.requestBody && !b.requestBody) add('breaking', 'request-body-removed', 'request body removed');
  else if (!a.requestBody && b.requestBody)
    add(b.requestBody.required ? 'breaking' : 'non-breaking', 'request-body-added', `${b.requestBody.required ? 'required' : 'optional'} request body added`);
  else if (a.requestBody && b.requestBody) {
    if (!a.requestBody.required && b.requestBody.required) add('breaking', 'request-body-became-required', 'request body became required');
    for (const [type, media] of Object.entries(a.requestBody.content)) {
      const other = b.requestBody.content[type];
      if (other === undefined) add('breaking', 'request-media-type-removed', `request media type ${type} removed`);
      else
        compareSchemas(
          { ...base, where: 'request body', direction: 'request' },
          isObject(media) ? media.schema : undefined,
          isObject(other) ? other.schema : undefined,
        );
    }
  }
  for (const [status, response] of Object.entries(a.responses)) {
    const other = b.responses[status];
    if (other === undefined) {
      add('breaking', 'response-status-removed', `response status ${status} removed`);
      continue;
    }
    const ha = isObject(response) && isObject(response.headers) ? response.headers : {};
    const hb = isObject(other) && isObject(other.headers) ? other.headers : {};
    // Header names are case-insensitive on the wire.
    const lower = (headers: Record<string, unknown>) => new Set(Object.keys(headers).map((h) => h.toLowerCase()));
    const [namesA, namesB] = [lower(ha), lower(hb)];
    for (const name of Object.keys(ha).filter((h) => !namesB.has(h.toLowerCase())))
      add('breaking', 'response-header-removed', `${status} response header \`${name}\` removed`);
    for (const name of Object.keys(hb).filter((h) => !namesA.has(h.toLowerCase())))
      add('non-breaking', 'response-header-added', `${status} response header \`${name}\` added`);
    const ca = isObject(response) && isObject(response.content) ? response.content : {};
    const cb = isObject(other) && isObject(other.content) ? other.content : {};
    for (const [type, media] of Object.entries(ca)) {
      const m = cb[type];
      if (m === undefined) add('breaking', 'response-media-type-removed', `${status} media type ${type} removed`);
      else
        compareSchemas(
          { ...base, where: `${status} response`, direction: 'response' },
          isObject(media) ? media.schema : undefined,
          isObject(m) ? m.schema : undefined,
        );
    }
  }
  for (const status of Object.keys(b.responses).filter((s) => !(s in a.responses)))
    add('non-breaking', 'response-status-added', `response status ${status} added`);
  if (!same(a.security, b.security)) add('breaking', 'security-changed', 'security requirements changed');
}

/** Every change from `old` to `next`. */
export function classifyChanges(old: ModelSnapshot, next: ModelSnapshot): Change[] {
  const out: Change[] = [];
  const a = { snapshot: old };
  const b = { snapshot: next };
  for (const [id, op] of Object.entries(old.operations)) {
    const other = next.operations[id];
    if (!other) {
      out.push({ class: 'breaking', rule: 'operation-removed', operation: id, message: `operation \`${id}\` (${op.method.toUpperCase()} ${op.path}) removed` });
      continue;
    }
    const before = out.length;
    compareOperation(a, b, id, op, other, out);
    if (out.length === before && !same(op, other))
      out.push({ class: 'docs', rule: 'operation-docs-changed', operation: id, message: `documentation of \`${id}\` changed` });
  }
  for (const [id, op] of Object.entries(next.operations)) {
    if (!(id in old.operations))
      out.push({ class: 'non-breaking', rule: 'operation-added', operation: id, message: `operation \`${id}\` (${op.method.toUpperCase()} ${op.path}) added` });
  }
  for (const name of Object.keys(old.schemas)) {
    if (!(name in next.schemas)) out.push({ class: 'breaking', rule: 'model-removed', model: name, message: `model \`${name}\` removed` });
    else if (!same(old.schemas[name], next.schemas[name]) && same(stripDocs(old.schemas[name]), stripDocs(next.schemas[name]))) {
      out.push({ class: 'docs', rule: 'model-docs-changed', model: name, message: `documentation of model \`${name}\` changed` });
    }
  }
  for (const name of Object.keys(next.schemas))
    if (!(name in old.schemas)) out.push({ class: 'non-breaking', rule: 'model-added', model: name, message: `model \`${name}\` added` });
  for (const name of Object.keys(old.securitySchemes)) {
    if (!same(old.securitySchemes[name], next.securitySchemes[name]) && !same(stripDocs(old.securitySchemes[name]), stripDocs(next.securitySchemes[name]))) {
      out.push({ class: 'breaking', rule: 'security-scheme-changed', message: `security scheme \`${name}\` changed or removed` });
    }
  }
  out.push(...documentationChanges(old, next, out.length === 0));
  return dedupe(out);
}

const DOCUMENTATION_PARTS: [keyof NonNullable<ModelSnapshot['documentation']>, string][] = [
  ['info', 'the API description (title, description, contact, licence or terms)'],
  ['tags', 'the tags and their descriptions'],
  ['servers', 'the servers and their descriptions'],
  ['externalDocs', 'the external documentation link'],
];

/**
 * Changes to what the README and docs say about the API as a whole; and, when nothing else changed
 * but the document did as data, one change for the rest (an example, a description of a component
 * no operation names): every change to generated bytes gets at least a patch. A file that differs only
 * in comments or layout is the same document, and no change.
 */
function documentationChanges(old: ModelSnapshot, next: ModelSnapshot, nothingElse: boolean): Change[] {
  const out: Change[] = [];
  if (old.documentation && next.documentation) {
    for (const [part, label] of DOCUMENTATION_PARTS)
      if (!same(old.documentation[part], next.documentation[part])) out.push({ class: 'docs', rule: `${part}-changed`, message: `${label} changed` });
  }
  if (nothingElse && out.length === 0 && old.documentSha256 && next.documentSha256 && old.documentSha256 !== next.documentSha256)
    out.push({ class: 'docs', rule: 'document-changed', message: 'examples or other documentation in the spec changed' });
  return out;
}

function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.class}\u0000${c.operation ?? c.model ?? ''}\u0000${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
