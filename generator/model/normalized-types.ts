/**
 * The shape of an operation once normalized (see normalize-operation.ts): what code, docs, README,
 * pagination and the snapshot read instead of the raw document. Types only, so the view types can
 * name them without depending on the normalizer.
 */
import type { ParamEncoding, PartEncoding } from '../../templates/runtime/request.js';
import type { HTTP_METHODS } from './http-methods.js';
import type { JsonObject } from '../json.js';

/** How the runtime sends a body. */
export type BodyKind = 'json' | 'form' | 'multipart' | 'binary' | 'text';

/** Where a parameter is sent. */
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

/** A Parameter Object, merged and dereferenced. */
export interface NormalizedParameter {
  name: string;
  in: ParamLocation;
  /** Path parameters always are. */
  required: boolean;
  description: string | undefined;
  deprecated: boolean;
  /** The effective schema: `schema`, or the schema of the one media type of `content` (as written: a `$ref` stays one). */
  schema: unknown;
  /** The media type of a parameter declared with `content` instead of `schema`. */
  mediaType: string | undefined;
  /** How the runtime serialises it: only what differs from its location's defaults. */
  encoding: ParamEncoding;
  /** The parameter's own example (or its media type's), when it gives one. */
  example: { value: unknown } | undefined;
}

/** One media type of a request or response body. */
export interface NormalizedMedia {
  mediaType: string;
  /** How the runtime sends a body of this type. */
  kind: BodyKind;
  schema: unknown;
  /** The `encoding` object of a form or multipart body, by property, as the runtime reads it. */
  encoding: Record<string, PartEncoding>;
  example: { value: unknown } | undefined;
}

/** A Request Body Object. */
export interface NormalizedRequestBody {
  required: boolean;
  description: string | undefined;
  /** Every media type, the one a client sends by default first (JSON when offered, else the first listed). */
  media: NormalizedMedia[];
  /** The declared media type objects by type, in declared order (what the snapshot compares). */
  content: JsonObject;
}

/** One status of a Responses Object. */
export interface NormalizedResponse {
  status: string;
  /** A 2xx status. */
  success: boolean;
  description: string | undefined;
  /** Header names, as declared. */
  headers: string[];
  /** Every media type, as declared. */
  media: NormalizedMedia[];
  /** The media type a client reads: JSON when offered, else the first listed. */
  chosen: NormalizedMedia | undefined;
  /** The response's `content` and `headers` as declared, `null` when absent (what the snapshot compares). */
  declared: { content: unknown; headers: unknown };
}

/** A declared error status (or range, or `default`) and the runtime classes thrown for it. */
export interface NormalizedError {
  status: string;
  /** A status code, a range (`4XX`) or `default`; an `x-` key or other stray key is no response. */
  isResponse: boolean;
  /** The classes it may throw (see `errorClassesFor` in normalize-operation.ts); none for a key that is no response. */
  errorClasses: string[];
  /** Its body's media type and schema, when it declares one. */
  media: NormalizedMedia | undefined;
}

/** One operation, normalized. */
export interface NormalizedOperation {
  route: string;
  method: (typeof HTTP_METHODS)[number];
  /** The operationId, or `<method> <route>` for an operation without one. */
  operationId: string;
  /** Whether the spec gives the operationId. */
  hasOperationId: boolean;
  /** The method it becomes (see method-names.ts). */
  methodName: string;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  tags: string[];
  parameters: NormalizedParameter[];
  requestBody: NormalizedRequestBody | undefined;
  /** Every status, as declared. */
  responses: NormalizedResponse[];
  successResponses: NormalizedResponse[];
  errors: NormalizedError[];
  /** The server its path or itself names, replacing the document's. */
  server: JsonObject | undefined;
  /** The effective security requirements: the operation's, else the document's (undefined when neither says). */
  security: unknown;
  /** The `x-tokenkit-pagination` declaration, as written. */
  pagination: unknown;
}
