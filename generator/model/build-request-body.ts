/**
 * Request body objects → the `body` (and, where the operation accepts several media types, the
 * `contentType`) of an operation's params type, and how the runtime sends each media type.
 * @see https://spec.openapis.org/oas/v3.1.0#request-body-object
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
import { jsDoc, tsPropertyKey, tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { encodingLiteral } from './build-parameter.js';
import { readableType } from './readable-type.js';
import { deref, isObject, str, type JsonObject } from './resolve.js';
import type { BodyKind, BodyVariantView, BodyView } from './types.js';

/** The media type a client sends: JSON when offered, else the first one listed. */
export function pickMediaType(content: Record<string, unknown>): string | undefined {
  const types = Object.keys(content);
  return types.find(isJsonMediaType) ?? types[0];
}

function isJsonMediaType(mediaType: string): boolean {
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

/** The runtime's PartEncoding literal of one property of a form or multipart body. */
function partEncodingLiteral(raw: JsonObject): string {
  const base = encodingLiteral(raw, 'query');
  const contentType = str(raw.contentType);
  if (contentType === undefined) return base;
  const field = `contentType: ${tsString(contentType)}`;
  return base === '{}' ? `{ ${field} }` : base.replace(/ }$/, `, ${field} }`);
}

function buildVariant(
  document: OpenApiDocument,
  mediaType: string,
  rawMedia: unknown,
  group: string,
  modelName: (schema: string) => string | undefined,
): BodyVariantView {
  const media = deref(document, rawMedia);
  const kind = bodyKind(mediaType);
  const indexed = `${group}["content"][${tsString(mediaType)}]`;
  const readable = readableType(media.schema, modelName);
  const encoding = isObject(media.encoding) ? media.encoding : {};
  const parts = Object.entries(encoding).filter(([, v]) => isObject(v));
  const encodingText = parts.map(([name, value]) => `${tsPropertyKey(name)}: ${partEncodingLiteral(deref(document, value))}`).join(', ');
  const spec =
    kind === 'form' || kind === 'multipart'
      ? encodingText === ''
        ? `{ kind: '${kind}' }`
        : `{ kind: '${kind}', encoding: { ${encodingText} } }`
      : `{ kind: '${kind}' }`;
  let typeRef: string;
  let typed: boolean;
  switch (kind) {
    case 'binary':
      // openapi-typescript types `format: binary` as string; the client takes bytes.
      typeRef = 'BinaryBody';
      typed = false;
      break;
    case 'multipart':
      typeRef = `MultipartBody<${readable ?? indexed}>`;
      typed = false;
      break;
    case 'text':
      typeRef = 'string';
      typed = media.schema === undefined || readable === 'string';
      break;
    default:
      typeRef = readable ?? indexed;
      typed = true;
  }
  return { mediaType, mediaTypeLiteral: tsString(mediaType), kind, typeRef, typed, specEntry: `${tsString(mediaType)}: ${spec}`, schema: media.schema };
}

/** Builds the body, or undefined when the operation takes none. */
export function buildRequestBody(
  document: OpenApiDocument,
  raw: unknown,
  opRef: string,
  modelName: (schema: string) => string | undefined,
): BodyView | undefined {
  if (raw === undefined) return undefined;
  const body = deref(document, raw);
  const content = isObject(body.content) ? body.content : {};
  const preferred = pickMediaType(content);
  if (preferred === undefined) return undefined;
  const required = body.required === true;
  const group = `${opRef}["requestBody"]`;
  const order = [preferred, ...Object.keys(content).filter((t) => t !== preferred)];
  const variants = order.map((t) => buildVariant(document, t, content[t], required ? group : `NonNullable<${group}>`, modelName));
  const first = variants[0];
  if (first === undefined) return undefined;
  return {
    required,
    optionalMark: required ? '' : '?',
    typeRef: first.typeRef,
    contentType: preferred,
    doc: jsDoc([str(body.description) ?? 'The request body.'], '  '),
    variants,
    hasChoice: variants.length > 1,
    typed: variants.every((v) => v.typed),
    specLiteral: `{ ${variants.map((v) => v.specEntry).join(', ')} }`,
  };
}
