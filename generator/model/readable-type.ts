/**
 * The TypeScript type of a parameter or body schema, written as a reader would write it: a model's
 * name for a reference to a component schema, `string`/`number`/`boolean`, literal unions for enums
 * and `const`, and arrays of those. Only schemas whose type is certain are named this way; for any
 * other the caller keeps the indexed access into the generated schema, which is always exact.
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { tsString } from '../escape/typescript.js';
import { isObject } from '../json.js';
import { componentSchemaName } from './resolve.js';

const SCALARS: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean' };

/** Keywords that make a schema's type more than its `type`/`enum` say. */
const COMPOSING = ['oneOf', 'anyOf', 'allOf', 'not', 'properties', 'additionalProperties', 'patternProperties', 'if', '$ref', 'discriminator'];

function literal(value: unknown): string | undefined {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  return undefined;
}

/** The readable type of `schema`, or undefined when only the indexed access type is exact. */
export function readableType(schema: unknown, modelName: (schema: string) => string | undefined, depth = 0): string | undefined {
  if (!isObject(schema) || depth > 3) return undefined;
  const named = componentSchemaName(schema);
  if (named !== undefined) return modelName(named);
  if (COMPOSING.some((k) => k in schema)) return undefined;
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (!types.every((t): t is string => typeof t === 'string')) return undefined;
  const nullable = types.includes('null') || schema.nullable === true;
  const base = types.filter((t) => t !== 'null');
  let type: string | undefined;
  if ('const' in schema) type = literal(schema.const);
  else if (Array.isArray(schema.enum)) {
    const literals = schema.enum.filter((v) => v !== null || !nullable).map(literal);
    type = literals.length > 0 && literals.every((l) => l !== undefined) ? [...new Set(literals)].join(' | ') : undefined;
  } else if (base.length === 1 && base[0] === 'array') {
    const item = readableType(schema.items, modelName, depth + 1);
    type = item === undefined ? undefined : /[|&\s]/.test(item) ? `(${item})[]` : `${item}[]`;
  } else if (base.length === 1) type = SCALARS[base[0] ?? ''];
  if (type === undefined) return undefined;
  return nullable && type !== 'null' ? `${type} | null` : type;
}

/**
 * The scalar a schema is, when {@link readableType} names it `string`, `number` or `boolean`: one
 * `type` with no enum, `const`, `null` or composition.
 */
export function plainScalar(schema: unknown): 'string' | 'number' | 'boolean' | undefined {
  if (!isObject(schema) || COMPOSING.some((k) => k in schema)) return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length !== 1 || schema.nullable === true || 'const' in schema || Array.isArray(schema.enum)) return undefined;
  const scalar = SCALARS[String(types[0])];
  return scalar === 'string' || scalar === 'number' || scalar === 'boolean' ? scalar : undefined;
}

/** Whether a schema is a plain string: any text will do. */
export function isPlainString(schema: unknown): boolean {
  return plainScalar(schema) === 'string';
}
