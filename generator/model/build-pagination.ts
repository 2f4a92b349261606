/**
 * The `x-tokenkit-pagination` extension on an operation → an `<operationId>All` method. Pagination
 * is declared in the spec, never guessed from parameter names.
 */
import { isIdentifierName, tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { mergedParameters } from './build-parameter.js';
import { schemaAt, soleSuccessBody } from '../pipeline/check-pagination.js';
import { componentSchemaName, deref, isObject, str, type JsonObject } from './resolve.js';
import type { OperationView, PaginationView } from './types.js';

/**
 * Builds the paginated variant of an operation whose declaration validation has accepted (see
 * pipeline/check-pagination.ts), so every parameter and field it names exists.
 */
export function buildPagination(
  document: OpenApiDocument,
  pathItem: JsonObject,
  operation: JsonObject,
  op: OperationView,
  methodName: string,
  modelName: (schema: string) => string | undefined = () => undefined,
): PaginationView {
  const ext = isObject(operation['x-tokenkit-pagination']) ? operation['x-tokenkit-pagination'] : {};
  const offsetName = str(ext.offsetParam);
  const limitName = str(ext.limitParam);
  const offset = op.params.find((p) => p.in === 'query' && p.name === offsetName);
  if (!offset) throw new Error(`pagination of ${op.operationId}: no offset parameter; validation should have refused it`);
  const limit = limitName === undefined ? undefined : op.params.find((p) => p.in === 'query' && p.name === limitName);
  const itemsPath = str(ext.items)?.split('.') ?? [];
  const totalPath = str(ext.total)?.split('.');
  const nextPath = str(ext.next)?.split('.');
  const offsetIsString = schemaType(document, pathItem, operation, offset.name) === 'string';
  return {
    methodName,
    paramsType: `Omit<${op.paramsType}, ${tsString(offset.name)}>`,
    paramsOptional: op.params.every((p) => p === offset || !p.required) && !(op.body?.required ?? false),
    pageType: op.resultType,
    // The item's model by name when the array holds one, so signatures and hovers read `Paginator<Tokens, Token>`.
    itemType:
      itemModel(document, operation, itemsPath, modelName) ??
      `NonNullable<${itemsPath.reduce((type, key) => `NonNullable<${type}>[${tsString(key)}]`, op.resultType)}>[number]`,
    offsetKey: offset.key,
    offsetExpr: offsetIsString ? 'String(offset)' : 'offset',
    limitExpr: limit ? `${limit.accessor} === undefined ? undefined : Number(${limit.accessor})` : 'undefined',
    itemsExpr: `${chain('page', itemsPath)} ?? []`,
    totalExpr: totalPath ? chain('page', totalPath) : 'undefined',
    hasNextExpr: nextPath ? `present(${chain('page', nextPath)})` : 'undefined',
  };
}

/** The model an items array holds, when its items are a reference to a named component schema. */
function itemModel(
  document: OpenApiDocument,
  operation: JsonObject,
  itemsPath: string[],
  modelName: (schema: string) => string | undefined,
): string | undefined {
  const body = soleSuccessBody(document, operation);
  if (!body) return undefined;
  const array = deref(document, schemaAt(document, body.schema, itemsPath));
  const named = componentSchemaName(array.items);
  return named === undefined ? undefined : modelName(named);
}

/** `page.a?.b?.["c-d"]`: every step after the first may be absent. */
function chain(root: string, keys: string[]): string {
  return keys.reduce((expr, key, i) => {
    const dot = i === 0 ? '.' : '?.';
    return isIdentifierName(key) ? `${expr}${dot}${key}` : `${expr}${i === 0 ? '' : '?.'}[${tsString(key)}]`;
  }, root);
}

function schemaType(document: OpenApiDocument, pathItem: JsonObject, operation: JsonObject, name: string): unknown {
  const param = mergedParameters(document, pathItem, operation).find((p) => p.name === name && p.in === 'query');
  return param ? deref(document, param.schema).type : undefined;
}
