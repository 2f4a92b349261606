/**
 * Parameter objects → properties of an operation's params type.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { jsDoc, tsAccess, tsPropertyKey, tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import type { ParamEncoding, ParamStyle } from '../../templates/runtime/request.js';
import { readableType } from './readable-type.js';
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

const STYLES: Record<ParameterView['in'], readonly string[]> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form'],
};

/**
 * A parameter's serialisation as the runtime reads it (a ParamEncoding): only what differs from its
 * location's defaults (form and exploded for query and cookie, simple and not exploded for path and
 * header). A style its location does not allow is left to the default.
 */
export function paramEncoding(param: JsonObject, location: ParameterView['in']): ParamEncoding {
  const allowed = STYLES[location];
  const style = typeof param.style === 'string' && allowed.includes(param.style) ? param.style : allowed[0];
  const explode = typeof param.explode === 'boolean' ? param.explode : style === 'form';
  const encoding: ParamEncoding = {};
  if (style !== allowed[0]) encoding.style = style as ParamStyle;
  if (explode !== (style === 'form')) encoding.explode = explode;
  if (param.allowReserved === true && location === 'query') encoding.allowReserved = true;
  return encoding;
}

/** The same as a TypeScript literal. */
export function encodingLiteral(param: JsonObject, location: ParameterView['in']): string {
  const { style, explode, allowReserved } = paramEncoding(param, location);
  const fields: string[] = [];
  if (style !== undefined) fields.push(`style: ${tsString(style)}`);
  if (explode !== undefined) fields.push(`explode: ${String(explode)}`);
  if (allowReserved) fields.push('allowReserved: true');
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/** Builds one parameter; `opRef` is the operation's type in the generated schema. */
export function buildParameter(
  param: JsonObject,
  opRef: string,
  key: string,
  modelName: (schema: string) => string | undefined = () => undefined,
): ParameterView {
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
    typeRef: readableType(param.schema, modelName) ?? `${required ? group : `NonNullable<${group}>`}[${tsString(name)}]`,
    encodingLiteral: encodingLiteral(param, location),
    doc: jsDoc([description, ...notes].filter(Boolean), '  '),
  };
}
