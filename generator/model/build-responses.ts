/**
 * Responses objects → an operation's result type and its success and error statuses.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { pickMediaType } from './build-request-body.js';
import { readableType } from './readable-type.js';
import { deref, isObject } from './resolve.js';

/** What an operation resolves to and which statuses it declares. */
export interface ResponsesInfo {
  resultType: string;
  successStatuses: string[];
  errorStatuses: string[];
  /** `NotFoundError<NotFoundErrorRep>`, … one per declared error status, deduplicated. */
  errorTypes: string[];
  /** The runtime error classes those name. */
  errorClasses: string[];
  /** How openapi-fetch must read the success body. */
  parseAs: 'json' | 'text' | 'blob';
}

/** Media types openapi-fetch's default JSON parsing can read. */
function isJsonish(mediaType: string): boolean {
  return /json/i.test(mediaType) || mediaType === '*/*';
}

const CLASS_BY_STATUS: Record<string, string> = {
  '400': 'BadRequestError',
  '401': 'AuthenticationError',
  '403': 'PermissionDeniedError',
  '404': 'NotFoundError',
  '409': 'ConflictError',
  '422': 'UnprocessableEntityError',
  '429': 'RateLimitError',
};

/** The runtime class thrown for a declared status. */
export function errorClassFor(status: string): string {
  return CLASS_BY_STATUS[status] ?? (/^5/.test(status) ? 'InternalServerError' : 'ApiError');
}

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/** The union of the success bodies (models by name), `void` when none has a body. */
export function buildResponses(document: OpenApiDocument, raw: unknown, opRef: string, modelName: (schema: string) => string | undefined): ResponsesInfo {
  const responses = isObject(raw) ? raw : {};
  const statuses = Object.keys(responses);
  const successStatuses = statuses.filter(isSuccess);
  const errorStatuses = statuses.filter((s) => !isSuccess(s));
  // openapi-fetch types a success body as the union of every 2xx media type, and parses it as JSON
  // unless told otherwise; an operation that answers only text or binary is read as text or a Blob.
  const successMedia = successStatuses.map((status) => {
    const content = deref(document, responses[status]).content;
    return { status, content: isObject(content) ? content : {} };
  });
  const mediaTypes = successMedia.flatMap((m) => Object.keys(m.content));
  const hasEmpty = successMedia.some((m) => Object.keys(m.content).length === 0);
  const parseAs = mediaTypes.length === 0 || mediaTypes.some(isJsonish) ? 'json' : mediaTypes.some((t) => /^text\//i.test(t)) ? 'text' : 'blob';
  const types: string[] = [];
  if (parseAs === 'text') types.push('string');
  else if (parseAs === 'blob') types.push('Blob');
  else {
    for (const { status, content } of successMedia) {
      for (const mediaType of Object.keys(content)) {
        const schema = deref(document, content[mediaType]).schema;
        const type = readableType(schema, modelName) ?? `${opRef}["responses"][${tsString(status)}]["content"][${tsString(mediaType)}]`;
        if (!types.includes(type)) types.push(type);
      }
    }
  }
  const errorTypes: string[] = [];
  for (const status of errorStatuses) {
    const response = deref(document, responses[status]);
    const content = isObject(response.content) ? response.content : {};
    const mediaType = pickMediaType(content);
    const body =
      mediaType === undefined
        ? 'unknown'
        : (readableType(deref(document, content[mediaType]).schema, modelName) ??
          `${opRef}["responses"][${tsString(status)}]["content"][${tsString(mediaType)}]`);
    const type = `${errorClassFor(status)}<${body}>`;
    if (!errorTypes.includes(type)) errorTypes.push(type);
  }
  const errorClasses = [...new Set(errorTypes.map((t) => t.slice(0, t.indexOf('<'))))];
  const resultType = types.length === 0 ? 'void' : [...types, ...(hasEmpty ? ['undefined'] : [])].join(' | ');
  return { resultType, successStatuses, errorStatuses, errorTypes, errorClasses, parseAs };
}
