/**
 * The `x-tokenkit-pagination` extension on an operation → an `<operationId>All` method. Pagination
 * is declared in the spec, never guessed from parameter names.
 */
import { isIdentifierName, tsString } from '../escape/typescript.js';
import { pointer, type SpecIssue } from '../issues.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { mergedParameters } from './build-parameter.js';
import { pickMediaType } from './build-request-body.js';
import { deref, isObject, str, type JsonObject } from './resolve.js';
import type { OperationView, PaginationView } from './types.js';

/** Builds the paginated variant, or returns the problems with the extension. */
export function buildPagination(
  document: OpenApiDocument,
  pathItem: JsonObject,
  operation: JsonObject,
  op: OperationView,
  where: string,
  methodName: string,
): { view?: PaginationView; issues: Omit<SpecIssue, 'file'>[] } {
  const ext = operation['x-tokenkit-pagination'];
  if (ext === undefined) return { issues: [] };
  const base = `${where}/x-tokenkit-pagination`;
  const fail = (field: string, message: string) => ({ issues: [{ code: 'pagination', message, pointer: `${base}${field ? pointer(field) : ''}` }] });
  if (!isObject(ext)) return fail('', 'x-tokenkit-pagination must be an object: { style, offsetParam, limitParam, items, total, next }');
  if (ext.style !== 'offset') return fail('style', 'only `style: offset` is supported');
  if (op.resultType.includes('|') || op.resultType === 'void') return fail('', 'a paginated operation needs exactly one success body');
  const offsetName = str(ext.offsetParam);
  const limitName = str(ext.limitParam);
  const offset = op.params.find((p) => p.in === 'query' && p.name === offsetName);
  if (!offset) return fail('offsetParam', `the operation has no query parameter ${JSON.stringify(offsetName ?? null)}`);
  const limit = limitName === undefined ? undefined : op.params.find((p) => p.in === 'query' && p.name === limitName);
  if (limitName !== undefined && !limit) return fail('limitParam', `the operation has no query parameter ${JSON.stringify(limitName)}`);
  const itemsPath = str(ext.items)?.split('.') ?? [];
  const schema = successSchema(document, operation);
  if (itemsPath.length === 0 || !isArraySchema(document, walk(document, schema, itemsPath)))
    return fail('items', `the success response has no array at ${JSON.stringify(str(ext.items) ?? '')}`);
  const totalPath = str(ext.total)?.split('.');
  if (totalPath && walk(document, schema, totalPath) === undefined) return fail('total', `the success response has no field ${JSON.stringify(str(ext.total))}`);
  const nextPath = str(ext.next)?.split('.');
  const offsetIsString = schemaType(document, pathItem, operation, offset.name) === 'string';
  return {
    view: {
      methodName,
      paramsType: `Omit<${op.paramsType}, ${tsString(offset.name)}>`,
      paramsOptional: op.params.every((p) => p === offset || !p.required) && !(op.body?.required ?? false),
      pageType: op.resultType,
      itemType: `NonNullable<${itemsPath.reduce((type, key) => `NonNullable<${type}>[${tsString(key)}]`, op.resultType)}>[number]`,
      offsetKey: offset.key,
      offsetExpr: offsetIsString ? 'String(offset)' : 'offset',
      limitExpr: limit ? `${limit.accessor} === undefined ? undefined : Number(${limit.accessor})` : 'undefined',
      itemsExpr: `${chain('page', itemsPath)} ?? []`,
      totalExpr: totalPath ? chain('page', totalPath) : 'undefined',
      hasNextExpr: nextPath ? `present(${chain('page', nextPath)})` : 'undefined',
    },
    issues: [],
  };
}

/** `page.a?.b?.["c-d"]`: every step after the first may be absent. */
function chain(root: string, keys: string[]): string {
  return keys.reduce((expr, key, i) => {
    const dot = i === 0 ? '.' : '?.';
    return isIdentifierName(key) ? `${expr}${dot}${key}` : `${expr}${i === 0 ? '' : '?.'}[${tsString(key)}]`;
  }, root);
}

function successSchema(document: OpenApiDocument, operation: JsonObject): unknown {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const status = Object.keys(responses).find((s) => /^2/.test(s));
  if (status === undefined) return undefined;
  const content = deref(document, responses[status]).content;
  if (!isObject(content)) return undefined;
  const type = pickMediaType(content);
  return type === undefined ? undefined : deref(document, content[type]).schema;
}

function walk(document: OpenApiDocument, schema: unknown, keys: string[]): unknown {
  let node: unknown = schema;
  for (const key of keys) {
    const s = deref(document, node);
    const props = isObject(s.properties) ? s.properties : {};
    const additional = isObject(s.additionalProperties) ? s.additionalProperties : undefined;
    node = props[key] ?? additional;
    if (node === undefined) return undefined;
  }
  return node;
}

function isArraySchema(document: OpenApiDocument, schema: unknown): boolean {
  if (schema === undefined) return false;
  const s = deref(document, schema);
  return s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'));
}

function schemaType(document: OpenApiDocument, pathItem: JsonObject, operation: JsonObject, name: string): unknown {
  const param = mergedParameters(document, pathItem, operation).find((p) => p.name === name && p.in === 'query');
  return param ? deref(document, param.schema).type : undefined;
}
