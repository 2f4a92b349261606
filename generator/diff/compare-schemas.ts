/**
 * Two versions of a schema compared where an operation uses it. Whether a narrowing breaks depends
 * on the direction: a request breaks when the server accepts less, a response when it sends more.
 */
import { isObject, type JsonObject } from '../json.js';
import type { ModelSnapshot } from '../model/snapshot.js';
import { own, same, type Change, type ChangeClass } from './change.js';

/** One side of the comparison: the snapshot its `$ref`s point into. */
export interface Side {
  snapshot: ModelSnapshot;
}

/** Which side a narrowing breaks: requests break when the server accepts less, responses when it sends more. */
export type Direction = 'request' | 'response';

/** Where the schemas being compared sit, and the list their changes go to. */
export interface SchemaContext {
  old: Side;
  new: Side;
  operation?: string;
  model?: string;
  /** What the message names: `request body.items[].id`. */
  where: string;
  direction: Direction;
  out: Change[];
  /** The pairs being compared around this one, so a recursive schema ends. */
  open: Set<string>;
  /**
   * The changes of each pair already compared, in one direction, by where they sit below the pair:
   * a model used in many places is compared once, and its changes are reported at every place.
   */
  memo: Map<string, Change[]>;
}

/** A fresh comparison state for one operation: nothing open, nothing remembered. */
export function schemaState(): Pick<SchemaContext, 'open' | 'memo'> {
  return { open: new Set(), memo: new Map() };
}

/** Follows `$ref`s to component schemas of the side's snapshot; `{}` when one names nothing. */
function resolve(side: Side, schema: unknown): JsonObject {
  let node = schema;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 32; hops++) {
    const match = /^#\/components\/schemas\/(.+)$/.exec(node.$ref);
    node = match
      ? own(
          side.snapshot.schemas,
          decodeURIComponent(match[1] ?? '')
            .replace(/~1/g, '/')
            .replace(/~0/g, '~'),
        )
      : undefined;
  }
  return isObject(node) ? node : {};
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
    ...(Object.assign({}, ...parts) as JsonObject),
    ...(types.length === 1 ? { type: types[0] } : {}),
    properties: Object.assign({}, ...parts.map((p) => (isObject(p.properties) ? p.properties : {}))),
    required: [...new Set(parts.flatMap((p) => (Array.isArray(p.required) ? (p.required as unknown[]) : [])))],
  };
}

/** The schema's type without `null` (`integer|string` for several), inferred from its keywords when not given; `any` when unknown. */
export function typeOf(schema: JsonObject): string {
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

/** `nullable: true` (3.0) or `null` among the types (3.1). */
function nullable(schema: JsonObject): boolean {
  return schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
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

/** `breaking` when the direction is the one a change of this kind breaks, else `non-breaking`. */
function breaksIn(ctx: SchemaContext, direction: Direction): ChangeClass {
  return ctx.direction === direction ? 'breaking' : 'non-breaking';
}

/**
 * A changed type, read as the set of values it allows (an integer is a number): one that allows more
 * breaks a response (a caller meets values it never handled) and not a request; one that allows less
 * breaks a request and not a response; any other change breaks either way, and nothing more is
 * compared (false). An untyped schema takes any value.
 */
function compareType(ctx: SchemaContext, a: JsonObject, b: JsonObject): boolean {
  const from = typeOf(a);
  const to = typeOf(b);
  const widened = covers(to, from);
  const narrowed = covers(from, to);
  // Written differently, the same values (`integer|number` and `number`: an integer is a number).
  if (from === to || (widened && narrowed)) return true;
  if (widened) {
    push(ctx, breaksIn(ctx, 'response'), 'type-widened', `type widened from ${from} to ${to === 'any' ? 'any value' : to}`);
    return to !== 'any';
  }
  if (narrowed) {
    push(ctx, breaksIn(ctx, 'request'), 'type-narrowed', `type narrowed from ${from === 'any' ? 'any value' : from} to ${to}`);
    return true;
  }
  push(ctx, 'breaking', 'type-changed', `type changed from ${from} to ${to}`);
  return false;
}

/** Whether every value of type `narrow` (as {@link typeOf} writes it) is a value of type `wide`. */
function covers(wide: string, narrow: string): boolean {
  if (wide === 'any') return true;
  if (narrow === 'any') return false;
  const allowed = new Set(wide.split('|'));
  return narrow.split('|').every((t) => allowed.has(t) || (t === 'integer' && allowed.has('number')));
}

/** Null allowed in a response, or refused in a request, breaks; the other way round does not. */
function compareNullability(ctx: SchemaContext, a: JsonObject, b: JsonObject): void {
  if (nullable(a) === nullable(b)) return;
  const breaking = ctx.direction === 'response' ? nullable(b) : nullable(a);
  push(
    ctx,
    breaking ? 'breaking' : 'non-breaking',
    nullable(b) ? 'became-nullable' : 'became-non-nullable',
    nullable(b) ? 'may now be null' : 'is no longer nullable',
  );
}

/** The values a schema is limited to: its enum, or its `const` as a one-value enum. */
function enumOf(schema: JsonObject): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum as unknown[];
  return Object.hasOwn(schema, 'const') ? [schema.const] : undefined;
}

/** Enum values removed break requests, values added break responses; so do an enum dropped or imposed. */
function compareEnums(ctx: SchemaContext, a: JsonObject, b: JsonObject): void {
  const enumA = enumOf(a);
  const enumB = enumOf(b);
  if (enumA && enumB) {
    for (const v of enumA.filter((x) => !enumB.some((y) => same(x, y))))
      push(ctx, breaksIn(ctx, 'request'), 'enum-value-removed', `enum value ${JSON.stringify(v)} removed`);
    for (const v of enumB.filter((x) => !enumA.some((y) => same(x, y))))
      push(ctx, breaksIn(ctx, 'response'), 'enum-value-added', `enum value ${JSON.stringify(v)} added`);
  } else if (enumA && !enumB) push(ctx, breaksIn(ctx, 'response'), 'enum-removed', 'no longer limited to an enum');
  else if (!enumA && enumB) push(ctx, breaksIn(ctx, 'request'), 'enum-added', 'now limited to an enum');
}

/**
 * A schema's properties as `direction` has them, and the names it requires: a request sends no
 * `readOnly` property and a response holds no `writeOnly` one (the generated types leave them out),
 * so marking a property so removes it there.
 */
function propertiesOf(schema: JsonObject, direction: Direction): { props: JsonObject; required: Set<unknown> } {
  const all = isObject(schema.properties) ? schema.properties : {};
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const props = Object.values(all).some((p) => isObject(p) && p[hidden] === true)
    ? Object.fromEntries(Object.entries(all).filter(([, p]) => !(isObject(p) && p[hidden] === true)))
    : all;
  return { props, required: new Set(Array.isArray(schema.required) ? schema.required : []) };
}

/**
 * A kept property whose requiredness changed: one that became optional breaks a response, one that
 * became required breaks a request; the other way round relaxes the contract.
 */
function compareRequiredness(ctx: SchemaContext, wasRequired: boolean, isRequired: boolean): void {
  if (wasRequired && !isRequired && ctx.direction === 'response') push(ctx, 'breaking', 'response-property-became-optional', 'property became optional');
  if (!wasRequired && isRequired && ctx.direction === 'request') push(ctx, 'breaking', 'request-property-became-required', 'property became required');
  if (wasRequired !== isRequired && !(ctx.direction === 'response' ? wasRequired : isRequired))
    push(ctx, 'non-breaking', 'property-requiredness-relaxed', isRequired ? 'property became required' : 'property became optional');
}

/** Each property of the old schema: removed (breaking), or its requiredness and then its own schema compared. */
function compareKeptProperties(ctx: SchemaContext, a: JsonObject, b: JsonObject, depth: number): void {
  const before = propertiesOf(a, ctx.direction);
  const after = propertiesOf(b, ctx.direction);
  for (const name of Object.keys(before.props)) {
    const at = { ...ctx, where: `${ctx.where}.${name}` };
    if (!Object.hasOwn(after.props, name)) {
      push(at, 'breaking', ctx.direction === 'response' ? 'response-property-removed' : 'request-property-removed', 'property removed');
      continue;
    }
    compareRequiredness(at, before.required.has(name), after.required.has(name));
    compareSchemas(at, before.props[name], own(after.props, name), depth + 1);
  }
}

/** Each property only the new schema has: a required one breaks a request, anything else is an addition. */
function compareAddedProperties(ctx: SchemaContext, a: JsonObject, b: JsonObject): void {
  const before = propertiesOf(a, ctx.direction);
  const after = propertiesOf(b, ctx.direction);
  for (const name of Object.keys(after.props).filter((n) => !Object.hasOwn(before.props, n))) {
    const at = { ...ctx, where: `${ctx.where}.${name}` };
    if (ctx.direction === 'request' && after.required.has(name)) push(at, 'breaking', 'request-property-added-required', 'required property added');
    else push(at, 'non-breaking', `${ctx.direction}-property-added`, 'property added');
  }
}

/**
 * `additionalProperties`: schemas on both sides are compared as the values of a map (`.*`); a
 * request that stops taking other properties breaks, the other transitions do not.
 */
function compareAdditional(ctx: SchemaContext, a: JsonObject, b: JsonObject, depth: number): void {
  const [x, y] = [a.additionalProperties, b.additionalProperties];
  if (isObject(x) && isObject(y)) return compareSchemas({ ...ctx, where: `${ctx.where}.*` }, x, y, depth + 1);
  const allows = (v: unknown) => v !== false;
  if (allows(x) && !allows(y)) push(ctx, breaksIn(ctx, 'request'), 'additional-properties-closed', 'no longer allows other properties');
  else if (!allows(x) && allows(y)) push(ctx, 'non-breaking', 'additional-properties-opened', 'now allows other properties');
  else if (isObject(x) !== isObject(y)) push(ctx, breaksIn(ctx, 'response'), 'additional-properties-changed', 'the type of other properties changed');
}

/**
 * `oneOf`/`anyOf`: with as many variants on both sides, each is compared with its counterpart;
 * otherwise a variant removed breaks a request and one added breaks a response. A union imposed
 * or dropped is a type change.
 */
function compareUnions(ctx: SchemaContext, a: JsonObject, b: JsonObject, depth: number): void {
  const variants = (s: JsonObject): unknown[] | undefined => [s.oneOf, s.anyOf].find((v): v is unknown[] => Array.isArray(v));
  const [va, vb] = [variants(a), variants(b)];
  if (va === undefined && vb === undefined) return;
  if (va === undefined || vb === undefined) {
    push(ctx, 'breaking', 'type-changed', va === undefined ? 'became a union of types' : 'is no longer a union of types');
    return;
  }
  // A variant is known by its reference, or by its text when written inline: order means nothing,
  // and a variant kept by reference is compared with itself, whatever else the union gained or lost.
  const json = (v: unknown) => JSON.stringify(v);
  const keyOf = (v: unknown) => (isObject(v) && typeof v.$ref === 'string' ? `$ref ${v.$ref}` : json(v));
  const [ka, kb] = [va.map(keyOf), vb.map(keyOf)];
  const oldOnly: number[] = [];
  va.forEach((v, i) => {
    const j = kb.indexOf(ka[i] ?? '');
    if (j === -1) oldOnly.push(i);
    else compareSchemas({ ...ctx, where: `${ctx.where}<${i + 1}>` }, v, vb[j], depth + 1);
  });
  const newOnly = vb.map((_, j) => j).filter((j) => !ka.includes(kb[j] ?? ''));
  // As many variants changed as kept their places: each compared with the one that took its place.
  if (oldOnly.length === newOnly.length) {
    oldOnly.forEach((i, n) => compareSchemas({ ...ctx, where: `${ctx.where}<${i + 1}>` }, va[i], vb[newOnly[n] ?? -1], depth + 1));
    return;
  }
  for (const i of oldOnly) push(ctx, breaksIn(ctx, 'request'), 'union-variant-removed', `variant ${json(va[i])} removed`);
  for (const j of newOnly) push(ctx, breaksIn(ctx, 'response'), 'union-variant-added', `variant ${json(vb[j])} added`);
}

/**
 * Every change from `rawOld` to `rawNew` (each followed through `$ref` and `allOf`): type,
 * nullability, enum or const, unions, then array items, properties and other properties, recursively.
 * A pair is compared once per operation and direction, wherever it recurs (see {@link SchemaContext.memo}).
 */
export function compareSchemas(ctx: SchemaContext, rawOld: unknown, rawNew: unknown, depth = 0): void {
  const key = `${ctx.direction}\0${JSON.stringify(rawOld)}→${JSON.stringify(rawNew)}`;
  if (depth > 12 || ctx.open.has(key)) return;
  let changes = ctx.memo.get(key);
  if (changes === undefined) {
    // Compared where nothing is named yet; each change is then named from where this pair sits.
    changes = [];
    const here: SchemaContext = { ...ctx, where: '', out: changes };
    ctx.open.add(key);
    try {
      compareAt(here, rawOld, rawNew, depth);
    } finally {
      ctx.open.delete(key);
    }
    ctx.memo.set(key, changes);
  }
  for (const change of changes) ctx.out.push({ ...change, message: `${ctx.where}${change.message}` });
}

function compareAt(ctx: SchemaContext, rawOld: unknown, rawNew: unknown, depth: number): void {
  const a = flattenAllOf(ctx.old, resolve(ctx.old, rawOld));
  const b = flattenAllOf(ctx.new, resolve(ctx.new, rawNew));
  if (!compareType(ctx, a, b)) return;
  compareNullability(ctx, a, b);
  compareEnums(ctx, a, b);
  compareUnions(ctx, a, b, depth);
  if (a.items !== undefined || b.items !== undefined) compareSchemas({ ...ctx, where: `${ctx.where}[]` }, a.items, b.items, depth + 1);
  compareKeptProperties(ctx, a, b, depth);
  compareAddedProperties(ctx, a, b);
  compareAdditional(ctx, a, b, depth);
}
