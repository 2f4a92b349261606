/**
 * Responses objects → an operation's result type, how its success body is read, and the typed errors it declares.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../json.js';
import { readableChanges } from './readable-changes.js';
import { plainScalar, readableType } from './readable-type.js';
import { componentSchemaName, deref } from './resolve.js';
import type { NormalizedOperation } from './normalized-types.js';
import type { ErrorBody } from './types.js';

export { errorClassesFor } from './normalize-operation.js';

/** What an operation resolves to and the errors it declares. */
export interface ResponsesInfo {
  resultType: string;
  /** Some success response has a body: the call resolves to something, not `void`. */
  hasResult: boolean;
  /**
   * `true` when every success response has a JSON body (an empty one is no value of the result
   * type), `false` when none declares a body (one that comes anyway is not read), else undefined.
   */
  successBody: boolean | undefined;
  /**
   * The `Accept` header the call sends: the success media types the client reads (JSON when it
   * parses JSON), then the error bodies' types; undefined when no response declares a body.
   */
  accept: string | undefined;
  /** The result type when it is one named type (a model, `string`, `Blob`), else undefined: docs print it whole only then. */
  resultName: string | undefined;
  /**
   * `NotFoundError<NotFoundErrorRep>`, … the classes each declared error status may throw, with its
   * body; a range or `default` expands to every class it covers. Deduplicated.
   */
  errorTypes: string[];
  /** The runtime error classes (and `OtherApiError`) those name. */
  errorClasses: string[];
  /** The same entries as facts: each class with its body type, and whether that body is a model. */
  errorBodies: ErrorBody[];
  /** The guard's `DeclaredErrors` literal: each declared status, range or `default` → its body check. */
  declaredLiteral: string;
  /** How openapi-fetch must read the success body. */
  parseAs: 'json' | 'text' | 'blob';
  /** The result names `Received<…>`, for a body openapi-fetch types otherwise than its schema (see readable-changes.ts). */
  usesReceived: boolean;
}

/** What the client asks for: the success types it reads, then the errors' (see {@link ResponsesInfo.accept}). */
function acceptOf(parseAs: ResponsesInfo['parseAs'], success: string[], errors: NormalizedOperation['errors']): string | undefined {
  const read = parseAs === 'json' ? success.filter(isJsonish) : parseAs === 'text' ? success.filter((t) => /^text\//i.test(t)) : success;
  const types = [...new Set([...read, ...errors.flatMap((e) => (e.media === undefined ? [] : [e.media.mediaType]))])];
  const accept = types.join(', ');
  // A browser sends an Accept longer than 128 bytes, or holding a byte the Fetch standard calls
  // CORS-unsafe, only after a CORS preflight, which a server that allows simple requests may refuse:
  // such a list is left to fetch's own */*.
  return types.length === 0 || accept.length > MAX_ACCEPT || CORS_UNSAFE.test(accept) ? undefined : accept;
}

/** The longest Accept value that is still a CORS-safelisted request header. */
const MAX_ACCEPT = 128;

// eslint-disable-next-line no-control-regex
const CORS_UNSAFE = /["():<>?@[\\\]{}\u0000-\u0008\u000a-\u001f\u007f]/;

/** Media types openapi-fetch's default JSON parsing can read. */
/** How the client reads success bodies of these media types: as JSON when one is, else text or bytes. */
export function parseAsFor(mediaTypes: readonly string[]): ResponsesInfo['parseAs'] {
  return mediaTypes.length === 0 || mediaTypes.some(isJsonish) ? 'json' : mediaTypes.some((t) => /^text\//i.test(t)) ? 'text' : 'blob';
}

/**
 * How the client reads an operation's success bodies: one way for all of them, decided over every
 * media type of every success response (the resource method passes one `parseAs`).
 */
export function successParseAs(op: Pick<NormalizedOperation, 'successResponses'>): ResponsesInfo['parseAs'] {
  return parseAsFor(successMediaTypes(op));
}

function successMediaTypes(op: Pick<NormalizedOperation, 'successResponses'>): string[] {
  return op.successResponses.flatMap((r) => r.media.map((m) => m.mediaType));
}

export function isJsonish(mediaType: string): boolean {
  return /json/i.test(mediaType) || mediaType === '*/*';
}

/** The union of the success bodies (models by name), `void` when none has a body. */
export function buildResponses(
  document: OpenApiDocument,
  op: Pick<NormalizedOperation, 'successResponses' | 'errors'>,
  opRef: string,
  modelName: (schema: string) => string | undefined,
): ResponsesInfo {
  // openapi-fetch types a success body as the union of every 2xx media type, and parses it as JSON
  // unless told otherwise; an operation that answers only text or binary is read as text or a Blob.
  const mediaTypes = successMediaTypes(op);
  const hasEmpty = op.successResponses.some((r) => r.media.length === 0);
  const parseAs = parseAsFor(mediaTypes);
  const types: string[] = [];
  // Whether each member of `types` is a name (a model, a scalar), rather than a composed type.
  const named = new Map<string, boolean>();
  const add = (type: string, isName: boolean) => {
    if (types.includes(type)) return;
    types.push(type);
    named.set(type, isName);
  };
  let usesReceived = false;
  if (parseAs === 'text') add('string', true);
  else if (parseAs === 'blob') add('Blob', true);
  else {
    for (const { status, media } of op.successResponses) {
      for (const m of media) {
        // A media type without a schema is any JSON value, as openapi-typescript types it.
        const readable = m.schema === undefined ? 'unknown' : readableType(m.schema, modelName);
        const type = readable ?? `${opRef}['responses'][${tsString(status)}]['content'][${tsString(m.mediaType)}]`;
        if (readableChanges(document, m.schema)) {
          add(`Received<${type}>`, false);
          usesReceived = true;
        } else
          add(type, m.schema === undefined || (readable !== undefined && (componentSchemaName(m.schema) !== undefined || plainScalar(m.schema) !== undefined)));
      }
    }
  }
  const errorTypes: string[] = [];
  const errorBodies: ErrorBody[] = [];
  const errorClasses = new Set<string>();
  const declared: string[] = [];
  for (const { status, isResponse, errorClasses: classes, media } of op.errors) {
    if (!isResponse) continue;
    const readable = media === undefined ? undefined : media.schema === undefined ? 'unknown' : readableType(media.schema, modelName);
    const body = media === undefined ? 'unknown' : (readable ?? `${opRef}['responses'][${tsString(status)}]['content'][${tsString(media.mediaType)}]`);
    const isModel = readable !== undefined && componentSchemaName(media?.schema) !== undefined;
    for (const className of classes) {
      const type = `${className}<${body}>`;
      if (!errorTypes.includes(type)) {
        errorTypes.push(type);
        errorBodies.push({ className, bodyType: body, isModel });
      }
      errorClasses.add(className);
    }
    const key = /^\dXX$/i.test(status) ? status.toUpperCase() : status;
    const check = media !== undefined && isJsonish(media.mediaType) && isObjectSchema(document, media.schema) ? 'object' : 'any';
    declared.push(`${/^\d/.test(key) ? tsString(key) : key}: '${check}'`);
  }
  const declaredLiteral = declared.length === 0 ? '{}' : `{ ${declared.join(', ')} }`;
  const hasResult = types.length > 0;
  const resultType = hasResult ? [...types, ...(hasEmpty ? ['undefined'] : [])].join(' | ') : 'void';
  const [only] = types;
  const resultName = only !== undefined && types.length === 1 && !hasEmpty && named.get(only) === true ? only : undefined;
  return {
    resultType,
    hasResult,
    successBody: !hasResult ? false : parseAs === 'json' && !hasEmpty && mediaTypes.every((t) => /json/i.test(t)) ? true : undefined,
    accept: acceptOf(parseAs, mediaTypes, op.errors),
    resultName,
    errorTypes,
    errorClasses: [...errorClasses],
    errorBodies,
    declaredLiteral,
    parseAs,
    usesReceived,
  };
}

// Whether a schema describes a JSON object or array, so a guard can tell its body from a text page.
function isObjectSchema(document: OpenApiDocument, raw: unknown): boolean {
  const schema = deref(document, raw);
  const type = schema.type;
  if (type === 'object' || type === 'array') return true;
  if (type !== undefined) return false;
  if (schema.properties !== undefined || schema.items !== undefined || schema.additionalProperties !== undefined) return true;
  const parts = [schema.allOf, schema.oneOf, schema.anyOf].find(Array.isArray);
  return Array.isArray(parts) && parts.length > 0 && parts.every((p) => isObjectSchema(document, p));
}
