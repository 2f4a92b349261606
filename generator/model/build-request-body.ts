/**
 * Request body objects → the `body` (and, where the operation accepts several media types, the
 * `contentType`) of an operation's params type, and how the runtime sends each media type.
 * @see https://spec.openapis.org/oas/v3.1.0#request-body-object
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
import { jsDoc, tsPropertyKey, tsString } from '../escape/typescript.js';
import { encodingLiteral } from './build-parameter.js';
import { isPlainString, readableType } from './readable-type.js';
import type { NormalizedMedia, NormalizedRequestBody } from './normalized-types.js';
import type { BodyVariantView, BodyView } from './types.js';

export { bodyKind, pickMediaType } from './normalize-operation.js';

function buildVariant(media: NormalizedMedia, group: string, modelName: (schema: string) => string | undefined): BodyVariantView {
  const { mediaType, kind, schema } = media;
  const indexed = `${group}['content'][${tsString(mediaType)}]`;
  // Named only where the type shows it: a file or text body names no model.
  const readable = (): string | undefined => readableType(schema, modelName);
  const encodingText = Object.entries(media.encoding)
    .map(([name, value]) => `${tsPropertyKey(name)}: ${encodingLiteral(value)}`)
    .join(', ');
  const spec = (kind === 'form' || kind === 'multipart') && encodingText !== '' ? `{ kind: '${kind}', encoding: { ${encodingText} } }` : `{ kind: '${kind}' }`;
  let typeRef: string;
  let typed: boolean;
  switch (kind) {
    case 'binary':
      // openapi-typescript types `format: binary` as string; the client takes bytes.
      typeRef = 'BinaryBody';
      typed = false;
      break;
    case 'multipart':
      typeRef = `MultipartBody<${readable() ?? indexed}>`;
      typed = false;
      break;
    case 'text':
      typeRef = 'string';
      typed = schema === undefined || isPlainString(schema);
      break;
    default:
      typeRef = readable() ?? indexed;
      typed = true;
  }
  return { mediaType, mediaTypeLiteral: tsString(mediaType), kind, typeRef, typed, specEntry: `${tsString(mediaType)}: ${spec}`, schema };
}

/** Builds the body, or undefined when the operation takes none. */
export function buildRequestBody(
  body: NormalizedRequestBody | undefined,
  opRef: string,
  modelName: (schema: string) => string | undefined,
): BodyView | undefined {
  const first = body?.media[0];
  if (body === undefined || first === undefined) return undefined;
  const { required } = body;
  const group = `${opRef}['requestBody']`;
  const variants = body.media.map((m) => buildVariant(m, required ? group : `NonNullable<${group}>`, modelName));
  const [view] = variants;
  if (view === undefined) return undefined;
  return {
    required,
    optionalMark: required ? '' : '?',
    typeRef: view.typeRef,
    contentType: first.mediaType,
    doc: jsDoc([body.description ?? 'The request body.'], '  '),
    variants,
    hasChoice: variants.length > 1,
    typed: variants.every((v) => v.typed),
    specLiteral: `{ ${variants.map((v) => v.specEntry).join(', ')} }`,
  };
}
