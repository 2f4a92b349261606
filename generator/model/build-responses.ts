/**
 * Responses objects → an operation's result type and its success and error statuses.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { tsString } from '../escape/typescript.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { pickMediaType } from './build-request-body.js';
import { componentSchemaName, deref, isObject } from './resolve.js';

/** What an operation resolves to and which statuses it declares. */
export interface ResponsesInfo {
  resultType: string;
  successStatuses: string[];
  errorStatuses: string[];
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
  const types: string[] = [];
  let hasEmpty = false;
  for (const status of successStatuses) {
    const response = deref(document, responses[status]);
    const content = isObject(response.content) ? response.content : {};
    const mediaType = pickMediaType(content);
    if (mediaType === undefined) {
      hasEmpty = true;
      continue;
    }
    const named = componentSchemaName(deref(document, content[mediaType]).schema);
    const type = (named && modelName(named)) ?? `${opRef}["responses"][${tsString(status)}]["content"][${tsString(mediaType)}]`;
    if (!types.includes(type)) types.push(type);
  }
  if (types.length === 0) return { resultType: 'void', successStatuses, errorStatuses };
  if (hasEmpty) types.push('undefined');
  return { resultType: types.join(' | '), successStatuses, errorStatuses };
}
