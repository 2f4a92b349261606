/**
 * The `x-tokenkit-pagination` extension on an operation → an `<operationId>All` method. Pagination
 * is declared in the spec, never guessed from parameter names.
 */
import { mdCode } from '../escape/markdown.js';
import { isIdentifierName, tsString } from '../escape/typescript.js';
import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { isPaginationStyle, schemaAt, soleSuccessBody } from '../pipeline/check-pagination.js';
import { componentSchemaName, deref } from './resolve.js';
import type { NormalizedOperation } from './normalized-types.js';
import type { OperationView, PaginationView, ParameterView } from './types.js';
import { callTail } from './build-operation.js';

/**
 * Builds the paginated variant of an operation whose declaration validation has accepted (see
 * pipeline/check-pagination.ts), so its style is known and every parameter and field it names exists.
 */
export function buildPagination(
  document: OpenApiDocument,
  normalized: NormalizedOperation,
  op: OperationView,
  methodName: string,
  modelName: (schema: string) => string | undefined = () => undefined,
): PaginationView {
  const ext = isObject(normalized.pagination) ? normalized.pagination : {};
  const style = ext.style;
  if (!isPaginationStyle(style)) throw new Error(`pagination of ${op.operationId}: unknown style; validation should have refused it`);
  const query = (field: string): ParameterView | undefined => {
    const name = str(ext[field]);
    return name === undefined ? undefined : op.params.find((p) => p.in === 'query' && p.name === name);
  };
  const path = (field: string): string[] | undefined => str(ext[field])?.split('.');
  const itemsPath = path('items') ?? [];
  const itemsExpr = itemsPath.length === 0 ? 'page' : `${chain('page', itemsPath)} ?? []`;
  const total = path('total');
  const next = path('next');
  const read = (fields: string[]): string => `{ ${[`items: ${itemsExpr}`, ...fields].join(', ')} }`;
  // The parameter the paginator sets, left out of the method's own parameters.
  const set = style === 'offset' ? query('offsetParam') : style === 'page' ? query('pageParam') : style === 'cursor' ? query('cursorParam') : undefined;
  if (set === undefined && (style === 'offset' || style === 'page' || style === 'cursor'))
    throw new Error(`pagination of ${op.operationId}: no parameter to set; validation should have refused it`);
  // Offsets and page numbers are numbers, cursors strings: each converted to the parameter's type.
  const type = set && paramType(document, normalized, set.name);
  const numeric = type === 'integer' || type === 'number';
  const asParam = (position: string): string =>
    position === 'cursor' ? (numeric ? `Number(${position})` : position) : type === 'string' ? `String(${position})` : position;
  // `{ ...params, offset }` when the key names the value as it is, else `{ ...params, key: value }`.
  const withPosition = (position: string): string => {
    const value = asParam(position);
    const key = set?.key ?? '';
    return `{ ...params, ${key === value ? key : `${key}: ${value}`} }`;
  };
  const totalFields = [`total: ${total ? chain('page', total) : 'undefined'}`, `hasNext: ${next ? `present(${chain('page', next)})` : 'undefined'}`];
  let view: Pick<PaginationView, 'settings' | 'fetchParamsExpr' | 'readExpr' | 'runtimeImports'>;
  switch (style) {
    case 'offset':
      view = {
        settings: [],
        fetchParamsExpr: withPosition('offset'),
        readExpr: read(totalFields),
        runtimeImports: ['present'],
      };
      break;
    case 'page': {
      const totalPages = path('totalPages');
      view = {
        settings: [`start: ${Number(ext.start ?? 1)}`],
        fetchParamsExpr: withPosition('page'),
        readExpr: read([...totalFields, ...(totalPages ? [`totalPages: ${chain('page', totalPages)}`] : [])]),
        runtimeImports: ['present'],
      };
      break;
    }
    case 'cursor': {
      const hasMore = path('hasMore');
      const itemCursor = path('itemCursor');
      const cursor = itemCursor ? chain(`lastItem(${itemsExpr})`, itemCursor, true) : chain('page', path('nextCursor') ?? []);
      view = {
        settings: [],
        fetchParamsExpr: `cursor === undefined ? params : ${withPosition('cursor')}`,
        readExpr: read([...(hasMore ? [`hasNext: ${chain('page', hasMore)}`] : []), `next: ${cursor}`]),
        runtimeImports: itemCursor ? ['lastItem'] : [],
      };
      break;
    }
    case 'next-url':
      view = { settings: [], fetchParamsExpr: '', readExpr: read([`next: ${chain('page', next ?? [])}`]), runtimeImports: [] };
      break;
    case 'link-header':
      view = { settings: [], fetchParamsExpr: '', readExpr: read([]), runtimeImports: [] };
      break;
  }
  // A page openapi-fetch types otherwise than its model (see readable-changes.ts) has its items typed off the page.
  const model = op.usesReceived ? undefined : itemModel(document, normalized, itemsPath, modelName);
  return {
    methodName,
    functionName: methodName,
    summary: summary(style, ext),
    paramsType: set ? `Omit<${op.paramsType}, ${tsString(set.name)}>` : op.paramsType,
    paramsOptional: op.params.every((p) => p === set || !p.required) && !(op.body?.required ?? false),
    pageType: op.resultType,
    // The item's model by name when the array holds one, so signatures and hovers read `Paginator<Tokens, Token>`.
    itemModel: model,
    itemType: model ?? `NonNullable<${itemsPath.reduce((type, key) => `NonNullable<${type}>[${tsString(key)}]`, op.resultType)}>[number]`,
    setsKey: set?.key ?? '',
    styleLiteral: tsString(style),
    positionName: style === 'offset' ? 'offset' : style === 'page' ? 'page' : style === 'cursor' ? 'cursor' : 'url',
    followsUrls: style === 'next-url' || style === 'link-header',
    followCallTail:
      style === 'next-url' || style === 'link-header'
        ? callTail(op.prepareExpr, `(request) => followRequest(request, url, ${op.operationIdLiteral})`, op.successBody, op.accept)
        : [],
    ...view,
  };
}

/** How the `…All` method pages, for the docs (Markdown; every spec string through {@link mdCode}). */
function summary(style: string, ext: JsonObject): string {
  const code = (field: string): string => mdCode(str(ext[field]) ?? '');
  const ends: string[] = [];
  if (ext.total !== undefined) ends.push(`at the total in ${code('total')}`);
  if (ext.totalPages !== undefined) ends.push(`after the page count in ${code('totalPages')}`);
  if (ext.next !== undefined) ends.push(`when ${code('next')} is missing`);
  if (ext.total === undefined && ext.totalPages === undefined && ext.next === undefined) ends.push('on a page shorter than one before it');
  const stops = ['on an empty page', ...ends];
  const sequential = `and stops ${stops.slice(0, -1).join(', ')} or ${stops.at(-1) ?? ''}`;
  const texts: Record<string, string> = {
    offset: `It sets ${code('offsetParam')} to the number of items read so far, ${sequential}.`,
    page: `It sets ${code('pageParam')} to ${Number(ext.start ?? 1)}, ${Number(ext.start ?? 1) + 1}, … ${sequential}.`,
    cursor:
      ext.itemCursor === undefined
        ? `It sets ${code('cursorParam')} to each page's ${code('nextCursor')}, and stops when that is empty or missing${ext.hasMore === undefined ? '' : ` or ${code('hasMore')} is false`}.`
        : `It sets ${code('cursorParam')} to the ${code('itemCursor')} of each page's last item, and stops on an empty page${ext.hasMore === undefined ? '' : ` or when ${code('hasMore')} is false`}.`,
    'next-url': `It follows each page's ${code('next')}, a URL resolved against the page's own, and stops when it is missing.`,
    'link-header': 'It follows the `Link` header\'s `rel="next"` (RFC 8288), resolved against the page\'s URL, and stops when there is none.',
  };
  const urls =
    style === 'next-url' || style === 'link-header'
      ? " A link to another origin than the API's is refused with a `PaginationError` before anything is sent to it."
      : '';
  return `${texts[style] ?? ''} A page, cursor or URL seen before also ends it.${urls}`;
}

/** The model an items array holds, when its items are a reference to a named component schema. */
function itemModel(
  document: OpenApiDocument,
  op: NormalizedOperation,
  itemsPath: string[],
  modelName: (schema: string) => string | undefined,
): string | undefined {
  const body = soleSuccessBody(op);
  if (!body) return undefined;
  const array = deref(document, itemsPath.length === 0 ? body.schema : schemaAt(document, body.schema, itemsPath));
  const named = componentSchemaName(array.items);
  return named === undefined ? undefined : modelName(named);
}

/** `page.a?.b?.['c-d']`: every step after the first may be absent (and the first too, when `root` may be). */
function chain(root: string, keys: string[], optionalRoot = false): string {
  return keys.reduce((expr, key, i) => {
    const optional = i > 0 || optionalRoot;
    return isIdentifierName(key) ? `${expr}${optional ? '?.' : '.'}${key}` : `${expr}${optional ? '?.' : ''}[${tsString(key)}]`;
  }, root);
}

function paramType(document: OpenApiDocument, op: NormalizedOperation, name: string): unknown {
  const param = op.parameters.find((p) => p.name === name && p.in === 'query');
  return param ? deref(document, param.schema).type : undefined;
}
