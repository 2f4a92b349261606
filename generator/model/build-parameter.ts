/**
 * Parameter objects → properties of an operation's params type.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { jsDoc, tsAccess, tsPropertyKey, tsString } from '../escape/typescript.js';
import type { ParamEncoding, PartEncoding } from '../../templates/runtime/request.js';
import { isPlainString, readableType } from './readable-type.js';
import { isObject } from '../json.js';
import type { NormalizedParameter } from './normalized-types.js';
import type { ParameterView } from './types.js';

/** A ParamEncoding (or a form field's PartEncoding) as a TypeScript literal; `{}` for the defaults. */
export function encodingLiteral(encoding: ParamEncoding & PartEncoding): string {
  const { style, explode, allowReserved, mediaType, contentType } = encoding;
  const fields: string[] = [];
  if (style !== undefined) fields.push(`style: ${tsString(style)}`);
  if (explode !== undefined) fields.push(`explode: ${String(explode)}`);
  if (allowReserved) fields.push('allowReserved: true');
  if (mediaType !== undefined) fields.push(`mediaType: ${tsString(mediaType)}`);
  if (contentType !== undefined) fields.push(`contentType: ${tsString(contentType)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/** Builds one parameter; `opRef` is the operation's type in the generated schema. */
export function buildParameter(
  param: NormalizedParameter,
  opRef: string,
  key: string,
  modelName: (schema: string) => string | undefined = () => undefined,
): ParameterView {
  const { name, in: location, required, schema } = param;
  const notes: string[] = [];
  const resolved = isObject(schema) ? schema : {};
  const description = param.description ?? (typeof resolved.description === 'string' ? resolved.description : '');
  if (resolved.default !== undefined) notes.push(`@defaultValue ${JSON.stringify(resolved.default)}`);
  if (param.deprecated) notes.push('@deprecated');
  const group = `${opRef}['parameters'][${tsString(location)}]`;
  return {
    name,
    in: location,
    key: tsPropertyKey(key),
    accessor: tsAccess('params', key, required),
    required,
    optionalMark: required ? '' : '?',
    // openapi-typescript types a `content` parameter as string whatever its schema says: where no
    // readable type names the schema, the caller may pass any value its media type can write.
    typeRef:
      readableType(schema, modelName) ?? (param.mediaType === undefined ? `${required ? group : `NonNullable<${group}>`}[${tsString(name)}]` : 'unknown'),
    encodingLiteral: encodingLiteral(param.encoding),
    // The value openapi-fetch is handed: a `content` parameter's own value, under the string type it expects.
    sendExpr: param.mediaType === undefined ? tsAccess('params', key, required) : `wireParam(${tsAccess('params', key, required)})`,
    doc: jsDoc([description, ...notes].filter(Boolean), '  '),
    plainString: isPlainString(schema),
  };
}
