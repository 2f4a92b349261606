/**
 * Example values for docs, built from the spec: a parameter's or schema's own example first, then
 * its default, its first enum value, a value for its format, and a plain value for its type. Only
 * required properties (and optional ones with an explicit example) are filled in, through `allOf`
 * parts and unions. The examples of calls are compiled code: there a value the spec gives is used
 * only when it fits the generated types ({@link fitsSchema}), so a call example is a valid value of
 * its type; a model's JSON example shows the spec's values as they are.
 *
 * In a request, a point in time (`format: date-time` or `date`, or an integer marked
 * `x-tokenkit-time: unix-ms` or `unix-s`) is shown relative to when the example runs, even where the
 * spec gives a literal: a fixed date in a docs example goes stale and makes the call fail or do
 * something else once it is past. The expression is fixed text, so the docs stay deterministic.
 */
import { isIdentifierName, tsString } from '../escape/typescript.js';
import { isObject, setOwn, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { deref } from './resolve.js';

/**
 * How many levels of objects and arrays an example goes into in full (Azure's request bodies nest
 * eight deep); past it, they take their smallest form.
 */
const MAX_EXAMPLE_DEPTH = 12;

/**
 * How many levels the smallest form goes into: a chain of required objects deeper than this (which
 * only a made-up spec has) is cut there, as a schema that requires itself is, so the walk's stack
 * and the example's nesting stay bounded whatever the spec.
 */
const MAX_SMALLEST_DEPTH = 4 * MAX_EXAMPLE_DEPTH;

/**
 * How many values one example may hold. A spec of a few kilobytes can describe an example
 * of gigabytes (layers of schemas whose required properties each refer to every schema of the next
 * layer); past this, the example goes fewer levels deep in full. GitHub's largest examples take
 * about a third of it.
 */
export const MAX_EXAMPLE_VALUES = 2_000;

/**
 * How many values a call's example may hold when even its smallest form is over
 * {@link MAX_EXAMPLE_VALUES}: a call that leaves out a required property does not compile, so it
 * may be longer than a model's JSON, which is only shown. Past this, every value of the type is
 * huge (the layers above), and the example is cut by level all the same.
 */
export const MAX_CALL_EXAMPLE_VALUES = 5 * MAX_EXAMPLE_VALUES;

const FORMAT_EXAMPLES: Record<string, unknown> = {
  uuid: '3f4a9a4c-2b7e-4c1e-9a52-0f6b1d2c3e4f',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  email: 'user@example.com',
  uri: 'https://example.com',
  int64: 1,
  int32: 1,
};

/** How a point in time is written on the wire. */
export type TimeUnit = 'unix-ms' | 'unix-s' | 'date-time' | 'date';

/** The values `x-tokenkit-time` accepts. */
export const TIME_EXTENSION_UNITS: readonly TimeUnit[] = ['unix-ms', 'unix-s', 'date-time', 'date'];

/** How far ahead of "now" a request example's point in time lies. */
export const EXAMPLE_TIME_DAYS = 30;

/** A point in time in a request example: {@link EXAMPLE_TIME_DAYS} days after the example runs. */
export class RelativeTime {
  constructor(
    /** How the value is written on the wire. */
    readonly unit: TimeUnit,
  ) {}
}

/** The unit of a schema that holds a point in time, or undefined. */
export function timeUnit(document: OpenApiDocument, raw: unknown): TimeUnit | undefined {
  for (const schema of isObject(raw) && raw.$ref !== undefined ? [raw, deref(document, raw)] : [deref(document, raw)]) {
    const declared = schema['x-tokenkit-time'];
    if (typeof declared === 'string' && (TIME_EXTENSION_UNITS as readonly string[]).includes(declared)) return declared as TimeUnit;
  }
  const schema = deref(document, raw);
  if (primaryType(schema) !== 'string') return undefined;
  return schema.format === 'date-time' ? 'date-time' : schema.format === 'date' ? 'date' : undefined;
}

/**
 * A request example: the spec's own value (or one built from the schema) with every point in time
 * replaced by a {@link RelativeTime}. `given` is an example the spec gives beside the schema (a
 * parameter's or a media type's `example`).
 */
export function requestExample(document: OpenApiDocument, raw: unknown, name: string, given?: { value: unknown }): unknown {
  const value = given !== undefined && fitsSchema(document, given.value, raw) ? given.value : compiledExample(document, raw, name);
  return relativize(document, raw, value, 0);
}

function relativize(document: OpenApiDocument, raw: unknown, value: unknown, depth: number): unknown {
  const unit = timeUnit(document, raw);
  if (unit !== undefined && value !== undefined && value !== null) return new RelativeTime(unit);
  // As deep as an example goes (a value of the spec's may hold itself, through a YAML alias).
  if (depth > MAX_SMALLEST_DEPTH) return value;
  const schema = deref(document, raw);
  if (Array.isArray(value)) return value.map((item) => relativize(document, schema.items, item, depth + 1));
  if (!isObject(value) || value instanceof FileExample) return value;
  const parts = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf.map((part) => deref(document, part)) : [])];
  const propertyOf = (key: string): unknown => {
    for (const part of parts) if (isObject(part.properties) && Object.hasOwn(part.properties, key)) return part.properties[key];
    return undefined;
  };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = propertyOf(key);
    setOwn(out, key, property === undefined ? item : relativize(document, property, item, depth + 1));
  }
  return out;
}

/** A value the spec gives for a schema; `only` when the schema allows no other (its const, its enum). */
interface Given {
  value: unknown;
  only?: boolean;
}

function explicitExample(schema: JsonObject): Given | undefined {
  return explicitExamples(schema)[0];
}

/** The values a schema gives, best first: its examples, its const, its default, its first enum value. */
function explicitExamples(schema: JsonObject): Given[] {
  const found: Given[] = [];
  if (Array.isArray(schema.examples) && schema.examples.length > 0) found.push({ value: schema.examples[0] });
  if (schema.example !== undefined) found.push({ value: schema.example });
  if ('const' in schema) found.push({ value: schema.const, only: true });
  if (schema.default !== undefined) found.push({ value: schema.default });
  if (Array.isArray(schema.enum) && schema.enum.length > 0) found.push({ value: schema.enum.find((v) => v !== null) ?? schema.enum[0], only: true });
  return found;
}

/**
 * The best value the schema gives; in compiled code, the best that fits its type. In the smallest
 * form (past the level limit), only one that holds a single value, or one the schema allows alone:
 * a large example of the spec's would take the room its siblings' required properties need, and
 * stay whole where the value built from its schema shrinks.
 */
function givenExample(document: OpenApiDocument, raw: unknown, schema: JsonObject, walk: Walk, smallest: boolean): Given | undefined {
  const given = explicitExamples(schema);
  const usable = (g: Given): boolean => !walk.compiled || fitsSchema(document, g.value, raw);
  const best = given.find(usable);
  if (!smallest || best === undefined || best.only === true || valueSize(best.value) === 1) return best;
  walk.shortened++;
  return given.find((g) => (g.only === true || valueSize(g.value) === 1) && usable(g));
}

function primaryType(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** A string example named after what it is for: `example-name`. */
function placeholder(name: string): string {
  return `example-${name}`.replace(/[^A-Za-z0-9-]+/g, '-');
}

/** An example value for a schema; `name` makes plain strings read naturally. */
export function exampleFor(document: OpenApiDocument, raw: unknown, name = 'value', depth = 0, seen: ReadonlySet<unknown> = new Set()): unknown {
  return boundedExample(document, raw, name, depth, seen, false);
}

/** {@link exampleFor} for a value that goes into compiled code: the spec's own values are used only where they fit the types. */
export function compiledExample(document: OpenApiDocument, raw: unknown, name: string): unknown {
  return boundedExample(document, raw, name, 0, new Set(), true);
}

/** Thrown when an example would hold more than its budget of values, to build it again less deep. */
class OverBudget extends Error {}

/**
 * What becomes of objects and arrays past the level limit: their smallest form (an object's
 * required properties alone, each in its smallest form, and an empty array), or nothing.
 */
type PastLimit = 'smallest' | 'cut';

/**
 * The example, as deep in full as {@link MAX_EXAMPLE_VALUES} allows. One that would be larger is
 * built again with the level limit one lower, until it fits: past the limit, objects and arrays
 * take their smallest form, so every branch shrinks at the same level and no required property is
 * left out (a call without one does not compile). Shrinking where the budget ran out instead would
 * show the first branch in full and its siblings bare, with nothing to say why; by level, the reader
 * sees the outer levels whole, which say most about the value, and the example reads like any deep
 * one. The last of these tries takes even the outermost object in its smallest form.
 *
 * A schema may have no small value at all: layers whose required properties each refer to every
 * schema of the next. A call's example may then hold up to {@link MAX_CALL_EXAMPLE_VALUES}; past
 * that (and for a model's JSON, past the budget), the example is cut by level: objects and arrays
 * past the limit are left out, required or not, and the last try, which keeps only the outermost
 * object's scalars, is built whatever its size. A try ends as soon as it goes over.
 */
function boundedExample(document: OpenApiDocument, raw: unknown, name: string, depth: number, seen: ReadonlySet<unknown>, compiled: boolean): unknown {
  const tries: [maxDepth: number, pastLimit: PastLimit, budget: number][] = [];
  for (let maxDepth = MAX_EXAMPLE_DEPTH; maxDepth >= depth - 1; maxDepth--) tries.push([maxDepth, 'smallest', MAX_EXAMPLE_VALUES]);
  if (compiled) tries.push([depth - 1, 'smallest', MAX_CALL_EXAMPLE_VALUES]);
  for (let maxDepth = MAX_EXAMPLE_DEPTH; maxDepth >= depth; maxDepth--) tries.push([maxDepth, 'cut', maxDepth === depth ? Infinity : MAX_EXAMPLE_VALUES]);
  for (const [maxDepth, pastLimit, budget] of tries) {
    const walk: Walk = {
      path: new Set(seen),
      compiled,
      cuts: 0,
      shortened: 0,
      memo: memoOf(document, compiled),
      maxDepth,
      pastLimit,
      spent: 0,
      budget,
    };
    try {
      return exampleWithin(document, raw, name, depth, walk);
    } catch (err) {
      if (!(err instanceof OverBudget)) throw err;
    }
  }
  throw new Error('unreachable: the last try has no budget');
}

/**
 * Examples already built, by schema and name, with how many levels were left below the one each
 * was built at, and how many values it took. A value built with nothing cut short (no level limit
 * reached, no schema met again on its own path) is the same wherever the schema recurs with as many
 * levels left or more: GitHub's models hold `simple-user` and `repository` hundreds of times over,
 * and building each again was most of the model docs' time. A smallest form (built past the limit)
 * with no schema met again is the same wherever it is built past the limit, and is kept apart. The
 * values are shared, so nothing here or in a caller changes one after it is made.
 */
interface ExampleMemo {
  full: WeakMap<object, Map<string, Remembered>>;
  smallest: WeakMap<object, Map<string, Remembered>>;
}

interface Remembered {
  value: unknown;
  /** The levels that were left: enough for the whole value, since nothing was cut. */
  levels: number;
  /** The values it holds, counted again at each use: it is written out at each. */
  size: number;
}

const MEMOS = new WeakMap<OpenApiDocument, { shown: ExampleMemo; compiled: ExampleMemo }>();

function memoOf(document: OpenApiDocument, compiled: boolean): ExampleMemo {
  let memos = MEMOS.get(document);
  if (memos === undefined) {
    memos = { shown: { full: new WeakMap(), smallest: new WeakMap() }, compiled: { full: new WeakMap(), smallest: new WeakMap() } };
    MEMOS.set(document, memos);
  }
  return compiled ? memos.compiled : memos.shown;
}

/**
 * One example being built: `path`, the schemas being built around this one, as one set that each
 * level adds itself to and takes itself out of on the way back; and whether the value is compiled
 * (a call's arguments) rather than shown (a model's JSON), so a value of the spec's must fit the types.
 */
interface Walk {
  path: Set<unknown>;
  compiled: boolean;
  /** How many times the walk stopped short (a schema met again on its path, or the level limit where it cuts). */
  cuts: number;
  /** How many times a value took its smallest form, past the level limit. */
  shortened: number;
  memo: ExampleMemo;
  /** The deepest level objects and arrays are built at in full: {@link MAX_EXAMPLE_DEPTH}, less for an example that would be too large. */
  maxDepth: number;
  pastLimit: PastLimit;
  /** How many values the example holds so far (a remembered one counted whole), and how many it may. */
  spent: number;
  budget: number;
}

function spend(walk: Walk, values: number): void {
  walk.spent += values;
  if (walk.spent > walk.budget) throw new OverBudget();
}

/** A value of the spec's, counted whole: one a schema many others refer to is written out each time. */
function counted(walk: Walk, value: unknown): unknown {
  spend(walk, valueSize(value));
  return value;
}

const SIZES = new WeakMap<object, number>();

/** How many values a value of the spec's holds, itself included; remembered, as it is counted again at each use. */
function valueSize(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  let size = SIZES.get(value);
  if (size !== undefined) return size;
  // A value that holds itself (a YAML alias of its own ancestor) ends here instead of going round.
  SIZES.set(value, 1);
  size = 1;
  for (const item of Object.values(value)) size += valueSize(item);
  SIZES.set(value, size);
  return size;
}

/** {@link exampleFor} within a {@link Walk} (one set for the path: a copy per level cost more than the rest of the walk on a large spec). */
function exampleWithin(document: OpenApiDocument, raw: unknown, name: string, depth: number, walk: Walk): unknown {
  const smallest = depth > walk.maxDepth;
  // A property's own example sits beside its $ref, so look before following it.
  if (isObject(raw) && raw.$ref !== undefined) {
    const own = givenExample(document, raw, raw, walk, smallest);
    if (own) return counted(walk, own.value);
  }
  const schema = deref(document, raw);
  // The spec's own value; in compiled code only when it is one of the schema's (not a string for an
  // integer, nor missing a required property), since the curl line sends the same value.
  const explicit = givenExample(document, schema, schema, walk, smallest);
  if (explicit) return counted(walk, explicit.value);
  // A schema that requires itself has no finite value: the inner one is left out.
  if (walk.path.has(schema)) {
    walk.cuts++;
    return undefined;
  }
  // Deep down, scalars keep their value; objects and arrays take their smallest form, so a large
  // schema cannot grow the example without bound (or stop, where even that is too large or deep).
  const type = primaryType(schema);
  if (smallest && (type === undefined || type === 'object' || type === 'array')) {
    if (walk.pastLimit === 'cut' || depth > MAX_SMALLEST_DEPTH) {
      walk.cuts++;
      return undefined;
    }
    walk.shortened++;
  }
  // A plain object's value does not depend on the name it is built for (only strings are named after it).
  const key = type === 'object' && schema.allOf === undefined && schema.oneOf === undefined && schema.anyOf === undefined ? '' : name;
  const levels = walk.maxDepth - depth;
  const memo = smallest ? walk.memo.smallest : walk.memo.full;
  let byName = memo.get(schema);
  const known = byName?.get(key);
  if (known !== undefined && (smallest || levels >= known.levels)) {
    spend(walk, known.size);
    return known.value;
  }
  const spentBefore = walk.spent;
  const cutsBefore = walk.cuts;
  const shortenedBefore = walk.shortened;
  walk.path.add(schema);
  let value: unknown;
  try {
    value = exampleOfShape(document, schema, name, depth, walk);
  } finally {
    walk.path.delete(schema);
  }
  // The value itself: what it holds was counted as it was built.
  if (value !== undefined) spend(walk, 1);
  // A full value with a smallest form inside depends on the levels left, and is built again.
  if (walk.cuts === cutsBefore && (smallest || walk.shortened === shortenedBefore)) {
    if (byName === undefined) memo.set(schema, (byName = new Map<string, Remembered>()));
    byName.set(key, { value, levels, size: walk.spent - spentBefore });
  }
  return value;
}

function exampleOfShape(document: OpenApiDocument, schema: JsonObject, name: string, depth: number, walk: Walk): unknown {
  const variants = [schema.oneOf, schema.anyOf].find(Array.isArray);
  if (variants && variants.length > 0) {
    // The first variant that gives a value (one without a type gives none), null last.
    const all: unknown[] = variants;
    const ordered = [...all.filter((v) => deref(document, v).type !== 'null'), ...all.filter((v) => deref(document, v).type === 'null')];
    for (const variant of ordered) {
      const value = exampleWithin(document, variant, name, depth + 1, walk);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if (Array.isArray(schema.allOf)) return allOfExample(document, schema, name, depth, walk);
  const format = str(schema.format);
  if (format && FORMAT_EXAMPLES[format] !== undefined) return FORMAT_EXAMPLES[format];
  switch (primaryType(schema)) {
    case 'string':
      return placeholder(name);
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array': {
      // The smallest array is an empty one, whatever its items require.
      if (depth > walk.maxDepth) return [];
      const item = exampleWithin(document, schema.items, name, depth + 1, walk);
      return item === undefined ? [] : [item];
    }
    case 'object':
      return objectExample(document, objectShape(document, schema), depth, walk);
    default:
      return undefined;
  }
}

/** An object schema's properties and required names, through its `allOf` parts (as TypeScript intersects them). */
interface ObjectShape {
  properties: Record<string, unknown>;
  required: Set<string>;
  /** Parts that are not objects (`allOf: [{ $ref: Id }, { description }]` with Id a string): the value is one of theirs. */
  scalars: unknown[];
  /** Parts that are unions: their examples are merged in. */
  unions: unknown[];
  /** Any property name is allowed beside the declared ones (`additionalProperties` is not false). */
  open: boolean;
}

function objectShape(document: OpenApiDocument, schema: JsonObject): ObjectShape {
  const shape: ObjectShape = { properties: {}, required: new Set(), scalars: [], unions: [], open: false };
  const seen = new Set<unknown>();
  const visit = (raw: unknown, part: JsonObject, depth: number): void => {
    if (seen.has(part) || depth > 6) return;
    seen.add(part);
    if (isObject(part.properties))
      for (const [key, prop] of Object.entries(part.properties)) if (!Object.hasOwn(shape.properties, key)) setOwn(shape.properties, key, prop);
    if (Array.isArray(part.required)) for (const key of part.required) if (typeof key === 'string') shape.required.add(key);
    if (part.additionalProperties === true || isObject(part.additionalProperties)) shape.open = true;
    if (Array.isArray(part.oneOf) || Array.isArray(part.anyOf)) shape.unions.push(raw);
    const type = primaryType(part);
    if (type !== undefined && type !== 'object') shape.scalars.push(raw);
    if (Array.isArray(part.allOf)) for (const child of part.allOf) visit(child, deref(document, child), depth + 1);
  };
  visit(schema, schema, 0);
  return shape;
}

function allOfExample(document: OpenApiDocument, schema: JsonObject, name: string, depth: number, walk: Walk): unknown {
  const shape = objectShape(document, schema);
  if (Object.keys(shape.properties).length === 0) {
    // The schema itself may be the scalar (`type: string` beside its allOf): its own type gives the value.
    for (const scalar of shape.scalars) {
      const value =
        scalar === schema
          ? exampleOfShape(document, { ...schema, allOf: undefined }, name, depth, walk)
          : exampleWithin(document, scalar, name, depth + 1, walk);
      if (value !== undefined) return value;
    }
  }
  const merged: Record<string, unknown> = {};
  for (const union of shape.unions) {
    const value = exampleWithin(document, { ...deref(document, union), allOf: undefined }, name, depth + 1, walk);
    if (isObject(value)) Object.assign(merged, value);
  }
  return Object.assign(merged, objectExample(document, shape, depth, walk));
}

/**
 * Every required property (and, but in the smallest form, every optional one with an example of its
 * own), read-only ones left out.
 */
function objectExample(document: OpenApiDocument, shape: ObjectShape, depth: number, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const smallest = depth > walk.maxDepth;
  for (const [key, prop] of Object.entries(shape.properties)) {
    const p = isObject(prop) ? prop : {};
    if (p.readOnly === true) continue;
    if (!shape.required.has(key) && (smallest || !explicitExample(p))) continue;
    const value = exampleWithin(document, prop, key, depth + 1, walk);
    // A required property whose type is `unknown` takes any value, and must have one.
    if (value !== undefined) setOwn(out, key, value);
    else if (shape.required.has(key) && isTypeless(deref(document, prop))) setOwn(out, key, placeholder(key));
  }
  return out;
}

/**
 * Whether a value the spec gives is one of its schema's, as far as the generated types can tell:
 * types, enums, required properties, and no property the type does not declare (TypeScript refuses
 * an object literal with one). A schema it cannot judge lets the value pass.
 */
export function fitsSchema(document: OpenApiDocument, value: unknown, raw: unknown, depth = 0): boolean {
  if (depth > 8) return true;
  const schema = deref(document, raw);
  const types = Array.isArray(schema.type)
    ? schema.type.filter((t): t is string => typeof t === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
  if (value === null) return types.includes('null') || schema.nullable === true || (Array.isArray(schema.enum) && schema.enum.includes(null));
  if (value === undefined) return false;
  // The type is the enum's values, whatever `type` says (Azure lists strings for an integer).
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).includes(value);
  if ('const' in schema && schema.const !== value && typeof value !== 'object') return false;
  const variants = [schema.oneOf, schema.anyOf].find(Array.isArray);
  if (variants && variants.length > 0 && !variants.some((v) => fitsSchema(document, value, v, depth + 1))) return false;
  if (Array.isArray(schema.allOf)) {
    const shape = objectShape(document, schema);
    if (!shape.scalars.every((part) => fitsSchema(document, value, part, depth + 1))) return false;
    if (shape.unions.some((union) => !fitsSchema(document, value, { ...deref(document, union), allOf: undefined }, depth + 1))) return false;
    return shape.scalars.length > 0 && Object.keys(shape.properties).length === 0
      ? true
      : fitsObject(document, value, shape, depth, variants !== undefined || shape.unions.length > 0);
  }
  const type = primaryType(schema);
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value) && value.every((item) => fitsSchema(document, item, schema.items, depth + 1));
    case 'object':
      return fitsObject(document, value, objectShape(document, schema), depth, variants !== undefined);
    default:
      return true;
  }
}

function fitsObject(document: OpenApiDocument, value: unknown, shape: ObjectShape, depth: number, inUnion: boolean): boolean {
  if (!isObject(value)) return false;
  for (const key of shape.required)
    if (!Object.hasOwn(value, key) && isObject(shape.properties[key]) && deref(document, shape.properties[key]).readOnly !== true) return false;
  for (const [key, item] of Object.entries(value)) {
    const prop = Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
    // A read-only property is not in a request's type; an undeclared one only where the type is open (or a union declares it).
    if (prop === undefined) {
      if (!shape.open && !inUnion) return false;
      continue;
    }
    if (deref(document, prop).readOnly === true) return false;
    if (!fitsSchema(document, item, prop, depth + 1)) return false;
  }
  return true;
}

/** An example value that stands for a file: a `File` in TypeScript, `@name` for curl. */
export class FileExample {
  constructor(
    /** The file name curl reads it from. */
    readonly fileName: string,
  ) {}
}

/** Whether a schema describes a file's bytes: `format: binary`, or a non-text `contentMediaType`. */
export function isFileSchema(document: OpenApiDocument, raw: unknown): boolean {
  const schema = deref(document, raw);
  const type = primaryType(schema);
  if (type === 'array') return isFileSchema(document, schema.items);
  const media = str(schema.contentMediaType);
  return (type === 'string' || type === undefined) && (schema.format === 'binary' || (media !== undefined && !media.startsWith('text/')));
}

/**
 * An example of a multipart or binary body: file fields (and a binary body itself) become
 * {@link FileExample}s, the rest is built from the schema.
 */
export function fileAwareExample(document: OpenApiDocument, raw: unknown, kind: 'multipart' | 'binary'): unknown {
  if (kind === 'binary') return new FileExample('file.bin');
  const schema = deref(document, raw);
  const value = compiledExample(document, raw, 'body');
  if (!isObject(value)) return value;
  const shape = objectShape(document, schema);
  const out: Record<string, unknown> = {};
  const file = (key: string) => new FileExample(`${key.replace(/[^A-Za-z0-9_-]+/g, '-')}.bin`);
  for (const [key, v] of Object.entries(value)) {
    const prop = shape.properties[key];
    // A part that says nothing of its type (Telegram's `InputFile`) may be a file, the likeliest value of a multipart part.
    const isFile = isFileSchema(document, prop) || (prop !== undefined && isTypeless(deref(document, prop)));
    setOwn(out, key, isFile ? (Array.isArray(v) ? [file(key)] : file(key)) : v);
  }
  return out;
}

/** A schema that constrains nothing TypeScript sees: its type is `unknown`. */
function isTypeless(schema: JsonObject): boolean {
  return primaryType(schema) === undefined && ['allOf', 'oneOf', 'anyOf', 'enum', 'const'].every((key) => schema[key] === undefined);
}

/** A value as a TypeScript expression: identifier keys bare, strings escaped, two-space indent. */
export function tsLiteral(value: unknown, indent = ''): string {
  if (value instanceof FileExample) return `new File(['…'], ${tsString(value.fileName)})`;
  if (value instanceof RelativeTime) return tsTime(value.unit);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return tsString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => tsLiteral(v, indent)).join(', ')}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const next = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${next}${isIdentifierName(k) ? k : tsString(k)}: ${tsLiteral(v, next)},`).join('\n')}\n${indent}}`;
  }
  return 'undefined';
}

const DAY_MS = `${EXAMPLE_TIME_DAYS} * 86_400_000`;

function tsTime(unit: TimeUnit): string {
  switch (unit) {
    case 'unix-ms':
      return `Date.now() + ${DAY_MS}`;
    case 'unix-s':
      return `Math.floor(Date.now() / 1000) + ${EXAMPLE_TIME_DAYS} * 86_400`;
    case 'date-time':
      return `new Date(Date.now() + ${DAY_MS}).toISOString()`;
    case 'date':
      return `new Date(Date.now() + ${DAY_MS}).toISOString().slice(0, 10)`;
  }
}

/** A point in time as a POSIX shell expansion, for use inside double quotes (GNU `date` for the dates). */
export function shellTime(unit: TimeUnit): string {
  const seconds = EXAMPLE_TIME_DAYS * 86_400;
  switch (unit) {
    case 'unix-ms':
      return `$(( ($(date +%s) + ${seconds}) * 1000 ))`;
    case 'unix-s':
      return `$(( $(date +%s) + ${seconds} ))`;
    case 'date-time':
      return `$(date -u -d '+${EXAMPLE_TIME_DAYS} days' +%Y-%m-%dT%H:%M:%SZ)`;
    case 'date':
      return `$(date -u -d '+${EXAMPLE_TIME_DAYS} days' +%Y-%m-%d)`;
  }
}

/** A string as one shell word, safe in single quotes. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
