/**
 * Request body objects → the `body` property of an operation's params type.
 * @see https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
import { jsDoc, tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { componentSchemaName, deref, isObject, str } from './resolve.js';
import type { BodyView } from './types.js';

/** The media type a client sends: JSON when offered, else the first one listed. */
export function pickMediaType(content: Record<string, unknown>): string | undefined {
  const types = Object.keys(content);
  return types.find((t) => /^application\/(.+\+)?json(;.*)?$/i.test(t)) ?? types[0];
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
  const contentType = pickMediaType(content);
  if (contentType === undefined) return undefined;
  const media = deref(document, content[contentType]);
  const named = componentSchemaName(media.schema);
  const required = body.required === true;
  const group = `${opRef}["requestBody"]`;
  return {
    required,
    optionalMark: required ? '' : '?',
    typeRef: (named && modelName(named)) ?? `${required ? group : `NonNullable<${group}>`}["content"][${tsString(contentType)}]`,
    contentType,
    doc: jsDoc([str(body.description) ?? 'The request body.'], '  '),
  };
}
