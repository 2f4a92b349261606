/**
 * Errors thrown by the client. Every non-2xx response becomes an {@link ApiError} subclass chosen by
 * status (the table is error-table.ts); failures below HTTP become {@link ConnectionError},
 * {@link TimeoutError} or {@link AbortError}; a call the client will not make becomes
 * {@link InvalidInputError} or {@link MissingCredentialError}.
 * Messages are built from the method, the URL path, the status and the server's own message (bounded,
 * with anything shaped like a credential redacted), never from headers, so no credential the client
 * sent can leak into a message or a stack.
 */
import { errorClassName, type StatusErrorName } from './error-table.js';
import { serverMessage } from './server-message.js';

/** What an error knows about the call that failed. */
export interface ErrorContext {
  /** The operationId of the call. */
  operationId: string;
  /** The HTTP method. */
  method: string;
  /** The request URL without its query string. */
  url: string;
  /** The client's credentials as sent, which a quoted server message must not repeat. */
  secrets?: readonly string[] | undefined;
}

/** Base class of every error the client throws. */
export class ClientError extends Error {
  // Names are spelled out, not taken from the constructor, so they survive minification and
  // give each class a distinct type that `instanceof` can narrow a union by.
  override readonly name: string = 'ClientError';
  /** The operationId of the call that failed; empty when the client's constructor refused its options. */
  readonly operationId: string;
  constructor(message: string, operationId: string, options?: { cause?: unknown }) {
    super(message, options);
    this.operationId = operationId;
  }
}

/**
 * A response with a non-2xx status. `TBody` is the type of its body: `unknown` as thrown; an
 * operation's `is…Error` guard narrows it to the schema the operation declares for the status.
 */
export class ApiError<TBody = unknown> extends ClientError {
  override readonly name: string = 'ApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The parsed JSON body, the raw text when the body was not JSON, or undefined when there was none. */
  readonly body: TBody;
  /** The vendor's request id, when the response carries one. */
  readonly requestId: string | undefined;
  /**
   * The wait the server asked for, in milliseconds, when it said (`Retry-After`, `retry-after-ms`;
   * on a 429 also `X-Ratelimit-Reset`). A call whose wait was longer than the client waits fails
   * at once with it, whatever its status.
   */
  readonly retryAfterMs: number | undefined;

  /**
   * `instanceof` as usual; declared so that TypeScript narrows `err instanceof NotFoundError` to
   * `NotFoundError<unknown>`, where it would otherwise fill a generic class's type argument with
   * `any`. Only an operation's guard gives the body a type.
   */
  static override [Symbol.hasInstance]<I>(this: abstract new (...args: never[]) => I, value: unknown): value is I {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(ctx: ErrorContext, status: number, headers: Headers, body: unknown, retryAfterMs?: number) {
    const said = serverMessage(body, ctx.secrets);
    super(`${ctx.operationId}: ${ctx.method} ${ctx.url} answered ${status}${said === undefined ? '' : `: ${said}`}`, ctx.operationId);
    this.status = status;
    this.headers = headers;
    // The body is whatever the server sent: `unknown` unless a guard has checked it against the declared status.
    this.body = body as TBody;
    this.requestId = findRequestId(headers);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * An {@link ApiError} of a status with no class of its own (a 418, or a status a range or `default`
 * response covers). Its `name` is exactly `'ApiError'`, so `instanceof NotFoundError` never narrows
 * it to a `NotFoundError` of an untyped body.
 */
export type OtherApiError<TBody = unknown> = ApiError<TBody> & { readonly name: 'ApiError' };

/** 400: the request was malformed or failed validation. */
export class BadRequestError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'BadRequestError' as const;
}
/** 401: credentials were missing, wrong or expired. */
export class AuthenticationError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'AuthenticationError' as const;
}
/** 403: the credentials may not do this. */
export class PermissionDeniedError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'PermissionDeniedError' as const;
}
/** 404: the resource does not exist. */
export class NotFoundError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'NotFoundError' as const;
}
/** 409: the request conflicts with the resource's state. */
export class ConflictError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'ConflictError' as const;
}
/** 422: the request was understood but could not be applied. */
export class UnprocessableEntityError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'UnprocessableEntityError' as const;
}
/** 429: too many requests; `retryAfterMs` says how long the server asked to wait. */
export class RateLimitError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'RateLimitError' as const;
}
/** 5xx: the server failed. */
export class InternalServerError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'InternalServerError' as const;
}

/** A 2xx response whose body is not the JSON it should be; `body` holds the raw text. */
export class ResponseParseError extends ApiError<string> {
  override readonly name = 'ResponseParseError' as const;
}

/**
 * The request never got a response: a refused or reset connection, a host name that did not resolve,
 * a TLS failure. The message says which when the runtime tells (browsers do not); `cause` holds the
 * runtime's own error.
 */
export class ConnectionError extends ClientError {
  override readonly name = 'ConnectionError' as const;
}
/** No complete response arrived within the timeout. */
export class TimeoutError extends ClientError {
  override readonly name = 'TimeoutError' as const;
}
/** The caller's `AbortSignal` cancelled the call. */
export class AbortError extends ClientError {
  override readonly name = 'AbortError' as const;
}

/**
 * The client refused to make the call, and sent nothing: an option out of range, a credential or
 * header value no HTTP header can carry, a path parameter that would leave its path. The message
 * names the problem and never the value, which may be a secret.
 */
export class InvalidInputError extends ClientError {
  override readonly name = 'InvalidInputError' as const;
}

/**
 * The operation needs a credential and the client has none for it: no option was given and no
 * environment variable was set. Nothing was sent. The message names the options and the variables
 * that would supply one.
 */
export class MissingCredentialError extends ClientError {
  override readonly name = 'MissingCredentialError' as const;
}

/**
 * The response body was larger than the call's `maxResponseBytes`, counted after decompression; it
 * was not read further and the connection was closed. Not retried: the same body would come back.
 */
export class ResponseTooLargeError extends ClientError {
  override readonly name = 'ResponseTooLargeError' as const;
  /** The HTTP status of the response. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The limit that was exceeded, in bytes. */
  readonly maxResponseBytes: number;
  /** The start of the body as text, at most 16 KiB of it. */
  readonly excerpt: string;
  constructor(message: string, operationId: string, status: number, headers: Headers, maxResponseBytes: number, excerpt: string) {
    super(message, operationId);
    this.status = status;
    this.headers = headers;
    this.maxResponseBytes = maxResponseBytes;
    this.excerpt = excerpt;
  }
}

/**
 * A redirect the client would not follow: to another origin with the request's body, to a scheme
 * other than http(s), past the redirect limit, or one whose target the runtime hides (a browser).
 */
export class RedirectError extends ClientError {
  override readonly name = 'RedirectError' as const;
  /** The status of the redirect. */
  readonly status: number;
  constructor(message: string, operationId: string, status: number) {
    super(message, operationId);
    this.status = status;
  }
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-amzn-requestid', 'request-id', 'x-correlation-id'];

function findRequestId(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

type StatusErrorClass = new (ctx: ErrorContext, status: number, headers: Headers, body: unknown, retryAfterMs: number | undefined) => ApiError;

// The status table's class names, bound to the classes; the type makes a name the table adds and this
// map lacks a compile error.
const CLASSES: Readonly<Record<StatusErrorName | 'InternalServerError' | 'ApiError', StatusErrorClass>> = {
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ApiError,
};

/** Builds the error for a non-2xx response, of the class error-table.ts gives its status. */
export function errorForStatus(ctx: ErrorContext, status: number, headers: Headers, body: unknown, retryAfterMs: number | undefined): ApiError {
  return new CLASSES[errorClassName(status)](ctx, status, headers, body, retryAfterMs);
}
