/**
 * Responses objects → an operation's result type and its success and error statuses.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { tsString } from '../escape/typescript.js';
import { SERVER_ERROR, STATUS_ERRORS } from '../../templates/runtime/error-table.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { pickMediaType } from './build-request-body.js';
import { readableType } from './readable-type.js';
import { deref, isObject } from './resolve.js';

/** What an operation resolves to and which statuses it declares. */
export interface ResponsesInfo {
  resultType: string;
  successStatuses: string[];
  errorStatuses: string[];
  /**
   * `NotFoundError<NotFoundErrorRep>`, … the classes each declared error status may throw, with its
   * body; a range or `default` expands to every class it covers. Deduplicated.
   */
  errorTypes: string[];
  /** The runtime error classes (and `OtherApiError`) those name. */
  errorClasses: string[];
  /** The guard's `DeclaredErrors` literal: each declared status, range or `default` → its body check. */
  declaredLiteral: string;
  /** How openapi-fetch must read the success body. */
  parseAs: 'json' | 'text' | 'blob';
}

/** Media types openapi-fetch's default JSON parsing can read. */
function isJsonish(mediaType: string): boolean {
  return /json/i.test(mediaType) || mediaType === '*/*';
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
  const declared: string[] = [];
  for (const status of errorStatuses) {
    // Only status codes, ranges and `default` are responses; anything else (an `x-` key) is not.
    if (!/^(\d{3}|\dXX|default)$/i.test(status)) continue;
    const response = deref(document, responses[status]);
    const content = isObject(response.content) ? response.content : {};
    const mediaType = pickMediaType(content);
    const schema = mediaType === undefined ? undefined : deref(document, content[mediaType]).schema;
    const body =
      mediaType === undefined
        ? 'unknown'
        : (readableType(schema, modelName) ?? `${opRef}["responses"][${tsString(status)}]["content"][${tsString(mediaType)}]`);
    for (const className of errorClassesFor(status, errorStatuses)) {
      const type = `${className}<${body}>`;
      if (!errorTypes.includes(type)) errorTypes.push(type);
    }
    const key = /^\dXX$/i.test(status) ? status.toUpperCase() : status;
    const check = mediaType !== undefined && isJsonish(mediaType) && isObjectSchema(document, schema) ? 'object' : 'any';
    declared.push(`${/^\d/.test(key) ? tsString(key) : key}: '${check}'`);
  }
  const errorClasses = [...new Set(errorTypes.map((t) => t.slice(0, t.indexOf('<'))))];
  const declaredLiteral = declared.length === 0 ? '{}' : `{ ${declared.join(', ')} }`;
  const resultType = types.length === 0 ? 'void' : [...types, ...(hasEmpty ? ['undefined'] : [])].join(' | ');
  return { resultType, successStatuses, errorStatuses, errorTypes, errorClasses, declaredLiteral, parseAs };
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
