/**
 * Whether an operation's request needs the runtime's own serialisers (`prepareRequest` in
 * runtime/request.ts) or is sent exactly as the spec says by openapi-fetch's defaults. The answer
 * decides what the operation's standalone function imports, so a bundle of a plain call (a GET by
 * path, a JSON POST) never holds the code for parameter styles, cookies, form or multipart bodies or
 * per-operation servers.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
import type { OpenApiDocument } from '../json.js';
import type { NormalizedOperation, NormalizedParameter } from './normalized-types.js';
import { deref } from './resolve.js';

/** Composition keywords after which a schema's values are not certain to be scalars. */
const COMPOSING = ['oneOf', 'anyOf', 'allOf', 'not', 'properties', 'additionalProperties', 'patternProperties', 'items'];
const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);
/**
 * Names openapi-fetch writes as they are and the runtime would percent-encode the same way (it
 * encodes a query name, openapi-fetch does not); a path name with `.`, `;` or `*` is read by
 * openapi-fetch as a template modifier, so only a name without them is plain.
 */
const PLAIN_NAME = /^[A-Za-z0-9_~-][A-Za-z0-9_.~-]*$/;

/**
 * True unless every part of the request is one openapi-fetch's defaults send as the spec's defaults
 * do: path and query parameters of one scalar type with plain names and default encodings (the
 * default `form`, exploded, and `simple` styles agree on scalars), no header or cookie parameters,
 * no body or a body of `application/json` only, and no server of the operation's own.
 */
export function needsPrepare(document: OpenApiDocument, op: NormalizedOperation): boolean {
  if (op.server !== undefined) return true;
  if (!op.parameters.every((p) => isPlainParameter(document, p))) return true;
  const media = op.requestBody?.media ?? [];
  if (media.length > 1) return true;
  return media.some((m) => m.mediaType !== 'application/json' || m.kind !== 'json');
}

function isPlainParameter(document: OpenApiDocument, param: NormalizedParameter): boolean {
  if (param.in !== 'path' && param.in !== 'query') return false;
  if (param.mediaType !== undefined || Object.keys(param.encoding).length > 0 || !PLAIN_NAME.test(param.name)) return false;
  return isScalar(deref(document, param.schema));
}

// Enums of scalars are scalars; `null` is skipped by both serialisers alike.
function isScalar(schema: Record<string, unknown>): boolean {
  if (COMPOSING.some((k) => k in schema)) return false;
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t !== 'null');
  return types.length === 1 && SCALAR_TYPES.has(String(types[0]));
}
