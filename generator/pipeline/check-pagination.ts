/**
 * The `x-tokenkit-pagination` declaration of one operation, checked against the operation it sits
 * on: a known style, only that style's fields, the parameters it names exist, and the success
 * response has the fields it names.
 */
import { isObject, str, type OpenApiDocument } from '../json.js';
import type { NormalizedOperation } from '../model/normalize-operation.js';
import { deref } from '../model/resolve.js';

/** A problem with the declaration: the field it concerns ('' for the whole object) and why. */
export interface PaginationProblem {
  field: string;
  message: string;
}

/** The declaration's fields by style: each style's own, then the ones every style shares. */
export const PAGINATION_FIELDS = {
  offset: ['offsetParam', 'limitParam', 'total', 'next'],
  page: ['pageParam', 'sizeParam', 'start', 'total', 'totalPages', 'next'],
  cursor: ['cursorParam', 'nextCursor', 'itemCursor', 'hasMore'],
  'next-url': ['next'],
  'link-header': [],
} as const satisfies Record<string, readonly string[]>;

/** A pagination style tokenkit follows. */
export type PaginationStyle = keyof typeof PAGINATION_FIELDS;

const STYLES = Object.keys(PAGINATION_FIELDS) as PaginationStyle[];

/** Whether a value names a pagination style. */
export function isPaginationStyle(value: unknown): value is PaginationStyle {
  return typeof value === 'string' && Object.hasOwn(PAGINATION_FIELDS, value);
}

/** The first problem with an operation's pagination declaration, or undefined when it is sound. */
export function checkPagination(document: OpenApiDocument, op: NormalizedOperation): PaginationProblem | undefined {
  const ext = op.pagination;
  const { method } = op;
  const fail = (field: string, message: string): PaginationProblem => ({ field, message });
  if (!isObject(ext)) return fail('', 'x-tokenkit-pagination must be an object: { style, items, … } (see the README, Pagination)');
  const style = ext.style;
  if (!isPaginationStyle(style)) return fail(ext.style === undefined ? '' : 'style', `style must be one of ${STYLES.map((s) => `\`${s}\``).join(', ')}`);
  const known = new Set<string>(['style', 'items', ...PAGINATION_FIELDS[style]]);
  for (const [key, value] of Object.entries(ext)) {
    if (!known.has(key)) return fail(key, `\`${key}\` is not a field of \`style: ${style}\`; its fields are ${[...known].map((k) => `\`${k}\``).join(', ')}`);
    if (key === 'start' ? !Number.isSafeInteger(value) || (value as number) < 0 : typeof value !== 'string' || value === '')
      return fail(key, key === 'start' ? '`start` must be a whole number, 0 or more' : `\`${key}\` must be a non-empty string`);
  }
  if ((style === 'next-url' || style === 'link-header') && method !== 'get')
    return fail('style', `\`style: ${style}\` follows a URL with GET; the operation is a ${method.toUpperCase()}`);
  const body = soleSuccessBody(op);
  if (!body) return fail('', 'a paginated operation needs exactly one success body');
  const query = op.parameters.filter((p) => p.in === 'query');
  const param = (field: string, required: boolean): PaginationProblem | undefined => {
    const name = str(ext[field]);
    if (name === undefined) return required ? fail('', `\`style: ${style}\` needs \`${field}\`, the query parameter it sets`) : undefined;
    return query.some((p) => p.name === name) ? undefined : fail(field, `the operation has no query parameter ${JSON.stringify(name)}`);
  };
  const { schema } = body;
  const field = (name: string, required: boolean, root: unknown = schema, where = 'the success response'): PaginationProblem | undefined => {
    const path = str(ext[name]);
    if (path === undefined) return required ? fail('', `\`style: ${style}\` needs \`${name}\`, the response field it reads`) : undefined;
    return schemaAt(document, root, path.split('.')) === undefined ? fail(name, `${where} has no field ${JSON.stringify(path)}`) : undefined;
  };
  const itemsPath = str(ext.items);
  const array = itemsPath === undefined ? schema : schemaAt(document, schema, itemsPath.split('.'));
  if (!isArraySchema(document, array))
    return itemsPath === undefined
      ? fail('', 'the success response is not an array: name the array of items with `items`')
      : fail('items', `the success response has no array at ${JSON.stringify(itemsPath)}`);
  switch (style) {
    case 'offset':
      return param('offsetParam', true) ?? param('limitParam', false) ?? field('total', false) ?? field('next', false);
    case 'page':
      return param('pageParam', true) ?? param('sizeParam', false) ?? field('total', false) ?? field('totalPages', false) ?? field('next', false);
    case 'cursor': {
      const missing = param('cursorParam', true);
      if (missing) return missing;
      if ((ext.nextCursor === undefined) === (ext.itemCursor === undefined))
        return fail(
          ext.nextCursor === undefined ? '' : 'itemCursor',
          '`style: cursor` needs one of `nextCursor` (a response field) or `itemCursor` (a field of the last item)',
        );
      return field('nextCursor', false) ?? field('itemCursor', false, deref(document, array).items, 'an item') ?? field('hasMore', false);
    }
    case 'next-url':
      return field('next', true);
    case 'link-header':
      return undefined;
  }
}

/**
 * The one success body's schema: the model types the result as the union of every 2xx body (one
 * type per component schema, one per inline schema) plus `undefined` for a 2xx without a body, and a
 * paginator needs a single page type. Undefined when there is not exactly one.
 */
export function soleSuccessBody(op: Pick<NormalizedOperation, 'successResponses'>): { schema: unknown } | undefined {
  const kinds = new Set<string>();
  let first: { schema: unknown } | undefined;
  for (const { status, media } of op.successResponses) {
    if (media.length === 0) return undefined;
    for (const { mediaType, schema } of media) {
      kinds.add(isObject(schema) && typeof schema.$ref === 'string' ? schema.$ref : `${status} ${mediaType}`);
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
