/**
 * The `x-tokenkit-pagination` declaration of one operation, checked against the operation it sits
 * on: the parameters it names exist, and the success response has the fields it names.
 */
import type { OpenApiDocument } from './load.js';
import { mergedParameters } from '../model/build-parameter.js';
import { deref, isObject, str, type JsonObject } from '../model/resolve.js';

/** A problem with the declaration: the field it concerns ('' for the whole object) and why. */
export interface PaginationProblem {
  field: string;
  message: string;
}

/** The first problem with an operation's pagination declaration, or undefined when it is sound. */
export function checkPagination(document: OpenApiDocument, pathItem: JsonObject, operation: JsonObject): PaginationProblem | undefined {
  const ext = operation['x-tokenkit-pagination'];
  const fail = (field: string, message: string): PaginationProblem => ({ field, message });
  if (!isObject(ext)) return fail('', 'x-tokenkit-pagination must be an object: { style, offsetParam, limitParam, items, total, next }');
  if (ext.style !== 'offset') return fail('style', 'only `style: offset` is supported');
  const body = soleSuccessBody(document, operation);
  if (!body) return fail('', 'a paginated operation needs exactly one success body');
  const query = mergedParameters(document, pathItem, operation).filter((p) => p.in === 'query');
  const offsetName = str(ext.offsetParam);
  if (!query.some((p) => p.name === offsetName)) return fail('offsetParam', `the operation has no query parameter ${JSON.stringify(offsetName ?? null)}`);
  const limitName = str(ext.limitParam);
  if (limitName !== undefined && !query.some((p) => p.name === limitName))
    return fail('limitParam', `the operation has no query parameter ${JSON.stringify(limitName)}`);
  const { schema } = body;
  const itemsPath = str(ext.items)?.split('.') ?? [];
  if (itemsPath.length === 0 || !isArraySchema(document, schemaAt(document, schema, itemsPath)))
    return fail('items', `the success response has no array at ${JSON.stringify(str(ext.items) ?? '')}`);
  const totalPath = str(ext.total)?.split('.');
  if (totalPath && schemaAt(document, schema, totalPath) === undefined)
    return fail('total', `the success response has no field ${JSON.stringify(str(ext.total))}`);
  return undefined;
}

/**
 * The one success body's schema: the model types the result as the union of every 2xx body (one
 * type per component schema, one per inline schema) plus `undefined` for a 2xx without a body, and a
 * paginator needs a single page type. Undefined when there is not exactly one.
 */
export function soleSuccessBody(document: OpenApiDocument, operation: JsonObject): { schema: unknown } | undefined {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const kinds = new Set<string>();
  let first: { schema: unknown } | undefined;
  for (const status of Object.keys(responses).filter((s) => /^2(\d\d|XX)$/i.test(s))) {
    const content = deref(document, responses[status]).content;
    const media = isObject(content) ? content : {};
    if (Object.keys(media).length === 0) return undefined;
    for (const [type, value] of Object.entries(media)) {
      const schema = deref(document, value).schema;
      kinds.add(isObject(schema) && typeof schema.$ref === 'string' ? schema.$ref : `${status} ${type}`);
      first ??= { schema };
    }
  }
  return kinds.size === 1 ? first : undefined;
}

/** The schema at a dotted path of properties, following references; undefined where there is none. */
export function schemaAt(document: OpenApiDocument, schema: unknown, keys: string[]): unknown {
  let node: unknown = schema;
  for (const key of keys) {
    const s = deref(document, node);
    const props = isObject(s.properties) ? s.properties : {};
    const additional = isObject(s.additionalProperties) ? s.additionalProperties : undefined;
    node = Object.hasOwn(props, key) ? props[key] : additional;
    if (node === undefined) return undefined;
  }
  return node;
}

function isArraySchema(document: OpenApiDocument, schema: unknown): boolean {
  if (schema === undefined) return false;
  const s = deref(document, schema);
  return s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'));
}
