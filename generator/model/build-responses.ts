/**
 * Responses objects → an operation's result type and its success and error statuses.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { tsString } from '../escape/typescript.js';
import { plainScalar, readableType } from './readable-type.js';
import { componentSchemaName } from './resolve.js';
import type { NormalizedOperation } from './normalize-operation.js';

export { errorClassFor } from './normalize-operation.js';

/** What an operation resolves to and which statuses it declares. */
export interface ResponsesInfo {
  resultType: string;
  /** Some success response has a body: the call resolves to something, not `void`. */
  hasResult: boolean;
  /** The result type when it is one named type (a model, `string`, `Blob`), else undefined: docs print it whole only then. */
  resultName: string | undefined;
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

/** The union of the success bodies (models by name), `void` when none has a body. */
export function buildResponses(
  op: Pick<NormalizedOperation, 'successResponses' | 'errors' | 'responses'>,
  opRef: string,
  modelName: (schema: string) => string | undefined,
): ResponsesInfo {
  const successStatuses = op.successResponses.map((r) => r.status);
  const errorStatuses = op.errors.map((e) => e.status);
  // openapi-fetch types a success body as the union of every 2xx media type, and parses it as JSON
  // unless told otherwise; an operation that answers only text or binary is read as text or a Blob.
  const mediaTypes = op.successResponses.flatMap((r) => r.media.map((m) => m.mediaType));
  const hasEmpty = op.successResponses.some((r) => r.media.length === 0);
  const parseAs = mediaTypes.length === 0 || mediaTypes.some(isJsonish) ? 'json' : mediaTypes.some((t) => /^text\//i.test(t)) ? 'text' : 'blob';
  const types: string[] = [];
  // Whether each member of `types` is a name (a model, a scalar), rather than a composed type.
  const named = new Map<string, boolean>();
  const add = (type: string, isName: boolean) => {
    if (types.includes(type)) return;
    types.push(type);
    named.set(type, isName);
  };
  if (parseAs === 'text') add('string', true);
  else if (parseAs === 'blob') add('Blob', true);
  else {
    for (const { status, media } of op.successResponses) {
      for (const m of media) {
        const readable = readableType(m.schema, modelName);
        add(
          readable ?? `${opRef}["responses"][${tsString(status)}]["content"][${tsString(m.mediaType)}]`,
          readable !== undefined && (componentSchemaName(m.schema) !== undefined || plainScalar(m.schema) !== undefined),
        );
      }
    }
  }
  const errorTypes: string[] = [];
  for (const { status, errorClass, media } of op.errors) {
    const body =
      media === undefined
        ? 'unknown'
        : (readableType(media.schema, modelName) ?? `${opRef}["responses"][${tsString(status)}]["content"][${tsString(media.mediaType)}]`);
    const type = `${errorClass}<${body}>`;
    if (!errorTypes.includes(type)) errorTypes.push(type);
  }
  const errorClasses = [...new Set(op.errors.map((e) => e.errorClass))];
  const hasResult = types.length > 0;
  const resultType = hasResult ? [...types, ...(hasEmpty ? ['undefined'] : [])].join(' | ') : 'void';
  const [only] = types;
  const resultName = only !== undefined && types.length === 1 && !hasEmpty && named.get(only) === true ? only : undefined;
  return { resultType, hasResult, resultName, successStatuses, errorStatuses, errorTypes, errorClasses, parseAs };
}
