/**
 * Each operation of the document, normalized once: its parameters merged (path item's and
 * operation's) and dereferenced with their effective schema and serialisation, its request body's
 * media types with the one a client sends first, its responses split into success and typed error
 * entries, and its effective server and security. Code, docs, README, api.md, pagination and the
 * snapshot `diff` compares are all views of this; none of them walks the raw operation again.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';
import type { ParamEncoding, ParamStyle, PartEncoding } from '../../templates/runtime/request.js';
import { memberName } from '../escape/identifier.js';
import { eachOperation, type HTTP_METHODS } from './http-methods.js';
import { methodNames } from './method-names.js';
import { deref } from './resolve.js';
import { operationServer } from './server-url.js';
import { SERVER_ERROR, STATUS_ERRORS } from '../../templates/runtime/error-table.js';
import type {
  BodyKind,
  NormalizedMedia,
  NormalizedOperation,
  NormalizedParameter,
  NormalizedRequestBody,
  NormalizedResponse,
  ParamLocation,
} from './normalized-types.js';

/** The type of what {@link normalizedOperations} returns, beside it. */
export type { NormalizedOperation } from './normalized-types.js';

const LOCATIONS: readonly ParamLocation[] = ['path', 'query', 'header', 'cookie'];

const STYLES: Record<ParamLocation, readonly ParamStyle[]> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form'],
};

/**
 * A parameter's (or form field's) serialisation as the runtime reads it (a ParamEncoding): only what
 * differs from its location's defaults (form and exploded for query and cookie, simple and not
 * exploded for path and header). A style its location does not allow is left to the default.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
export function paramEncoding(param: JsonObject, location: ParamLocation): ParamEncoding {
  const allowed = STYLES[location];
  const style = allowed.find((s) => s === param.style) ?? allowed[0];
  const explode = typeof param.explode === 'boolean' ? param.explode : style === 'form';
  const encoding: ParamEncoding = {};
  if (style !== allowed[0]) encoding.style = style;
  if (explode !== (style === 'form')) encoding.explode = explode;
  if (param.allowReserved === true && location === 'query') encoding.allowReserved = true;
  return encoding;
}

/** The media type a client sends or reads: JSON when offered, else the first one listed. */
export function pickMediaType(content: Record<string, unknown>): string | undefined {
  const types = Object.keys(content);
  return types.find(isJsonMediaType) ?? types[0];
}

/** `application/json`, `application/problem+json`, with or without parameters. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json(;.*)?$/i.test(mediaType);
}

/** How the runtime sends a body of this media type. */
export function bodyKind(mediaType: string): BodyKind {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isJsonMediaType(type) || /\/(.+\+)?json$/.test(type)) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data') return 'multipart';
  if (type.startsWith('text/') || /^application\/(.+\+)?xml$/.test(type)) return 'text';
  return 'binary';
}

/** The type name of an `ApiError` of a status with no class of its own (see runtime/errors.ts). */
const OTHER = 'OtherApiError';

/**
 * The classes a declared error status key may throw, from the runtime's status table: its own class
 * for an exact status; for a range (`4XX`) or `default`, every class of the statuses it covers that are
 * not declared by a more specific key, then the 5xx class and the base class where they apply.
 */
export function errorClassesFor(key: string, declared: readonly string[]): string[] {
  const exact = new Set(declared.filter((k) => /^\d{3}$/.test(k)).map(Number));
  const ranges = new Set(declared.filter((k) => /^\dXX$/i.test(k)).map((k) => k.charAt(0)));
  if (/^\d{3}$/.test(key)) {
    const status = Number(key);
    return [STATUS_ERRORS.find((r) => r.status === status)?.className ?? (status >= 500 && status <= 599 ? SERVER_ERROR : OTHER)];
  }
  const range = /^\dXX$/i.test(key) ? key.charAt(0) : undefined;
  if (range === undefined && key !== 'default') return [];
  const covered = (status: number) => !exact.has(status) && (range !== undefined ? String(status).charAt(0) === range : !ranges.has(String(status).charAt(0)));
  const classes: string[] = STATUS_ERRORS.filter((r) => covered(r.status)).map((r) => r.className);
  if (range === '5' || (range === undefined && !ranges.has('5'))) classes.push(SERVER_ERROR);
  if (range !== '5') classes.push(OTHER);
  return classes;
}

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

function normalizeMedia(document: OpenApiDocument, mediaType: string, raw: unknown): NormalizedMedia {
  const media = deref(document, raw);
  const declared = isObject(media.encoding) ? media.encoding : {};
  const encoding: Record<string, PartEncoding> = {};
  for (const [name, value] of Object.entries(declared)) {
    if (!isObject(value)) continue;
    const e = deref(document, value);
    const contentType = str(e.contentType);
    encoding[name] = { ...paramEncoding(e, 'query'), ...(contentType === undefined ? {} : { contentType }) };
  }
  return { mediaType, kind: bodyKind(mediaType), schema: media.schema, encoding, example: media.example === undefined ? undefined : { value: media.example } };
}

/**
 * One parameter. A parameter declared with `content` (exactly one media type) takes that media
 * type's schema and is sent as one value serialised by it, not by `style`.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
export function normalizeParameter(document: OpenApiDocument, param: JsonObject): NormalizedParameter {
  const location = LOCATIONS.find((l) => l === param.in) ?? 'query';
  const content = isObject(param.content) ? param.content : undefined;
  const mediaType = param.schema === undefined && content !== undefined ? Object.keys(content)[0] : undefined;
  const media = mediaType === undefined ? undefined : deref(document, content?.[mediaType]);
  const example = param.example ?? media?.example;
  return {
    name: str(param.name) ?? '',
    in: location,
    required: location === 'path' || param.required === true,
    description: str(param.description),
    deprecated: param.deprecated === true,
    schema: media === undefined ? param.schema : media.schema,
    mediaType,
    encoding: mediaType === undefined ? paramEncoding(param, location) : { mediaType },
    example: example === undefined ? undefined : { value: example },
  };
}

/** Path-level and operation-level parameters merged (the operation's win on name and location), dereferenced. */
export function mergeParameters(document: OpenApiDocument, pathItem: JsonObject, operation: JsonObject): NormalizedParameter[] {
  const byKey = new Map<string, NormalizedParameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = normalizeParameter(document, deref(document, raw));
      byKey.set(`${param.in}\u0000${param.name}`, param);
    }
  }
  return [...byKey.values()];
}

/** @see https://spec.openapis.org/oas/v3.1.0#request-body-object */
export function normalizeRequestBody(document: OpenApiDocument, raw: unknown): NormalizedRequestBody | undefined {
  if (raw === undefined) return undefined;
  const body = deref(document, raw);
  const content = isObject(body.content) ? body.content : {};
  const preferred = pickMediaType(content);
  const order = preferred === undefined ? [] : [preferred, ...Object.keys(content).filter((t) => t !== preferred)];
  return {
    required: body.required === true,
    description: str(body.description),
    media: order.map((t) => normalizeMedia(document, t, content[t])),
    content,
  };
}

/** @see https://spec.openapis.org/oas/v3.1.0#responses-object */
export function normalizeResponses(document: OpenApiDocument, raw: unknown): NormalizedResponse[] {
  const responses = isObject(raw) ? raw : {};
  return Object.keys(responses).map((status) => {
    const r = deref(document, responses[status]);
    const content = isObject(r.content) ? r.content : {};
    const media = Object.keys(content).map((t) => normalizeMedia(document, t, content[t]));
    const chosen = pickMediaType(content);
    return {
      status,
      success: isSuccess(status),
      description: str(r.description),
      headers: Object.keys(isObject(r.headers) ? r.headers : {}),
      media,
      chosen: media.find((m) => m.mediaType === chosen),
      declared: { content: r.content ?? null, headers: r.headers ?? null },
    };
  });
}

/** Normalizes one operation where it sits. */
export function normalizeOperation(
  document: OpenApiDocument,
  entry: { route: string; item: JsonObject; method: (typeof HTTP_METHODS)[number]; operation: JsonObject; operationId: string },
  methodName = memberName(entry.operationId),
): NormalizedOperation {
  const { route, item, method, operation, operationId } = entry;
  const responses = normalizeResponses(document, operation.responses);
  const errorStatuses = responses.filter((r) => !r.success).map((r) => r.status);
  const errors = responses
    .filter((r) => !r.success)
    .map((r) => ({
      status: r.status,
      isResponse: /^(\d{3}|\dXX|default)$/i.test(r.status),
      errorClasses: errorClassesFor(r.status, errorStatuses),
      media: r.chosen,
    }));
  return {
    route,
    method,
    operationId,
    hasOperationId: typeof operation.operationId === 'string',
    methodName,
    summary: str(operation.summary),
    description: str(operation.description),
    deprecated: operation.deprecated === true,
    tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
    parameters: mergeParameters(document, item, operation),
    requestBody: normalizeRequestBody(document, operation.requestBody),
    responses,
    successResponses: responses.filter((r) => r.success),
    errors,
    server: operationServer(item, operation),
    security: operation.security ?? document.security,
    pagination: operation['x-tokenkit-pagination'],
  };
}

const cache = new WeakMap<OpenApiDocument, NormalizedOperation[]>();

/**
 * Every operation of the document, normalized, in document order. Made once per document: the
 * front-end's checks, the model and the snapshot share the one list (the document is not changed
 * after it is read).
 */
export function normalizedOperations(document: OpenApiDocument): NormalizedOperation[] {
  let list = cache.get(document);
  if (list === undefined) {
    const entries = [...eachOperation(document)];
    const names = methodNames(entries);
    list = entries.map((entry, i) => normalizeOperation(document, entry, names[i]));
    cache.set(document, list);
  }
  return list;
}
