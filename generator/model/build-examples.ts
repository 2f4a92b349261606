/**
 * Example values for docs, built from the spec: a parameter's or schema's own example first, then
 * its default, its first enum value, a value for its format, and a plain value for its type. Only
 * required properties (and optional ones with an explicit example) are filled in, so an example is
 * always a valid value of its type.
 *
 * In a request, a point in time (`format: date-time` or `date`, or an integer marked
 * `x-tokenkit-time: unix-ms` or `unix-s`) is shown relative to when the example runs, even where the
 * spec gives a literal: a fixed date in a docs example goes stale and makes the call fail or do
 * something else once it is past. The expression is fixed text, so the docs stay deterministic.
 */
import { isIdentifierName, tsString } from '../escape/typescript.js';
import { isObject, setOwn, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { deref } from './resolve.js';

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
  return relativize(document, raw, given === undefined ? exampleFor(document, raw, name) : given.value, 0);
}

function relativize(document: OpenApiDocument, raw: unknown, value: unknown, depth: number): unknown {
  const unit = timeUnit(document, raw);
  if (unit !== undefined && value !== undefined && value !== null) return new RelativeTime(unit);
  if (depth > 6) return value;
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

function explicitExample(schema: JsonObject): { value: unknown } | undefined {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { value: schema.examples[0] };
  if (schema.example !== undefined) return { value: schema.example };
  if ('const' in schema) return { value: schema.const };
  if (schema.default !== undefined) return { value: schema.default };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { value: schema.enum.find((v) => v !== null) ?? schema.enum[0] };
  return undefined;
}

function primaryType(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** An example value for a schema; `name` makes plain strings read naturally. */
export function exampleFor(document: OpenApiDocument, raw: unknown, name = 'value', depth = 0, seen: ReadonlySet<unknown> = new Set()): unknown {
  return exampleWithin(document, raw, name, depth, new Set(seen));
}

/**
 * {@link exampleFor} with `path`, the schemas being built around this one, as one set that each level
 * adds itself to and takes itself out of on the way back: a copy per level cost more than the rest of
 * the walk on a large spec.
 */
function exampleWithin(document: OpenApiDocument, raw: unknown, name: string, depth: number, path: Set<unknown>): unknown {
  // A property's own example sits beside its $ref, so look before following it.
  if (isObject(raw) && raw.$ref !== undefined) {
    const own = explicitExample(raw);
    if (own) return own.value;
  }
  const schema = deref(document, raw);
  const explicit = explicitExample(schema);
  if (explicit) return explicit.value;
  if (path.has(schema) || depth > 6) return undefined;
  path.add(schema);
  try {
    return exampleOfShape(document, schema, name, depth, path);
  } finally {
    path.delete(schema);
  }
}

function exampleOfShape(document: OpenApiDocument, schema: JsonObject, name: string, depth: number, path: Set<unknown>): unknown {
  const variants = [schema.oneOf, schema.anyOf].find(Array.isArray);
  if (variants && variants.length > 0)
    return exampleWithin(document, variants.find((v) => deref(document, v).type !== 'null') ?? variants[0], name, depth + 1, path);
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleWithin(document, part, name, depth + 1, path)).filter(isObject));
  }
  const format = str(schema.format);
  if (format && FORMAT_EXAMPLES[format] !== undefined) return FORMAT_EXAMPLES[format];
  switch (primaryType(schema)) {
    case 'string':
      return `example-${name}`.replace(/[^A-Za-z0-9-]+/g, '-');
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array': {
      const item = exampleWithin(document, schema.items, name, depth + 1, path);
      return item === undefined ? [] : [item];
    }
    case 'object': {
      const props = isObject(schema.properties) ? schema.properties : {};
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(props)) {
        const p = isObject(prop) ? prop : {};
        if (p.readOnly === true) continue;
        if (!required.has(key) && !explicitExample(p)) continue;
        const value = exampleWithin(document, prop, key, depth + 1, path);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
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
  const value = exampleFor(document, raw, 'body');
  if (!isObject(value)) return value;
  const props = isObject(schema.properties) ? schema.properties : {};
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (!isFileSchema(document, props[key])) return [key, v];
      const file = new FileExample(`${key.replace(/[^A-Za-z0-9_-]+/g, '-')}.bin`);
      return [key, Array.isArray(v) ? [file] : file];
    }),
  );
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
