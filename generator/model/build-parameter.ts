/**
 * Parameter objects → properties of an operation's params type.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { jsDoc, tsAccess, tsPropertyKey, tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { deref, isObject, str, type JsonObject } from './resolve.js';
import type { ParameterView } from './types.js';

const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const;

/** Path-level and operation-level parameters merged; the operation's win on (name, in). */
export function mergedParameters(document: OpenApiDocument, pathItem: JsonObject, operation: JsonObject): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = deref(document, raw);
      byKey.set(`${str(param.in)}\u0000${str(param.name)}`, param);
    }
  }
  return [...byKey.values()];
}

/** Builds one parameter; `opRef` is the operation's type in the generated schema. */
export function buildParameter(param: JsonObject, opRef: string, key: string): ParameterView {
  const location = LOCATIONS.find((l) => l === param.in) ?? 'query';
  const name = str(param.name) ?? '';
  const required = location === 'path' || param.required === true;
  const schema = isObject(param.schema) ? param.schema : {};
  const notes: string[] = [];
  const description = str(param.description) ?? str(schema.description) ?? '';
  if (schema.default !== undefined) notes.push(`@defaultValue ${JSON.stringify(schema.default)}`);
  if (param.deprecated === true) notes.push('@deprecated');
  const group = `${opRef}["parameters"][${tsString(location)}]`;
  return {
    name,
    in: location,
    key: tsPropertyKey(key),
    accessor: tsAccess('params', key, required),
    required,
    optionalMark: required ? '' : '?',
    typeRef: `${required ? group : `NonNullable<${group}>`}[${tsString(name)}]`,
    doc: jsDoc([description, ...notes].filter(Boolean), '  '),
  };
}
