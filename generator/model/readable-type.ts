/**
 * A schema as the TypeScript a reader would write: a model's name for a `$ref`, `string`, `number`,
 * `boolean`, literal unions for enums, `T[]` and `Record<string, T>`. The same type openapi-typescript
 * emits for the schema, so a signature using it agrees with what openapi-fetch returns; anything
 * more involved (objects with properties, `oneOf`, `allOf`) has no short form and the caller keeps
 * its indexed access into the generated schema.
 */
import { tsString } from '../escape/typescript.js';
import { componentSchemaName, isObject } from './resolve.js';

/** Schemas nested deeper than this are not worth a short form. */
const MAX_DEPTH = 3;

/** The short type of `schema`, or undefined when it has none. */
export function readableType(schema: unknown, modelName: (schema: string) => string | undefined, depth = 0): string | undefined {
  if (!isObject(schema) || depth > MAX_DEPTH) return undefined;
  if (typeof schema.$ref === 'string') {
    const named = componentSchemaName(schema);
    return named === undefined ? undefined : modelName(named);
  }
  // Keywords that change the type beyond `type` itself: left to openapi-typescript.
  if (['oneOf', 'anyOf', 'allOf', 'not', 'properties', 'patternProperties', 'discriminator', 'prefixItems'].some((k) => k in schema)) return undefined;
  const declared = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (declared.some((t) => typeof t !== 'string') || declared.length === 0) return undefined;
  const nullable = declared.includes('null') || schema.nullable === true;
  const types = declared.filter((t) => t !== 'null') as string[];
  if (types.length !== 1) return undefined;
  const base = baseType(schema, types[0] as string, modelName, depth);
  if (base === undefined) return undefined;
  return nullable && !/\bnull$/.test(base) ? `${base} | null` : base;
}

function baseType(schema: Record<string, unknown>, type: string, modelName: (schema: string) => string | undefined, depth: number): string | undefined {
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.map(literal);
    return values.length === 0 || values.includes(undefined) ? undefined : [...new Set(values)].join(' | ');
  }
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      if (schema.items === undefined) return 'unknown[]';
      const item = readableType(schema.items, modelName, depth + 1);
      if (item === undefined) return undefined;
      return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case 'object': {
      const additional = schema.additionalProperties;
      if (!isObject(additional)) return undefined;
      const value = Object.keys(additional).length === 0 ? 'unknown' : readableType(additional, modelName, depth + 1);
      return value === undefined ? undefined : `Record<string, ${value}>`;
    }
    default:
      return undefined;
  }
}

function literal(value: unknown): string | undefined {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  return undefined;
}
