/**
 * Errors thrown by the client. Every non-2xx response becomes an {@link ApiError} subclass chosen by
 * status; failures below HTTP become {@link ConnectionError}, {@link TimeoutError} or {@link AbortError};
 * a call the client will not make becomes {@link InvalidInputError}.
 * Messages are built from the method, the URL path and the status only, never from headers, so no
 * credential can leak into a message or a stack.
 */

/** What an error knows about the call that failed. */
export interface ErrorContext {
  /** The operationId of the call. */
  operationId: string;
  /** The HTTP method. */
  method: string;
  /** The request URL without its query string. */
  url: string;
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

/** A response with a non-2xx status. `TBody` is the operation's declared error body. */
export class ApiError<TBody = unknown> extends ClientError {
  override readonly name: string = 'ApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The parsed JSON body, or the raw text when the body was not JSON. */
  readonly body: TBody | string | undefined;
  /** The vendor's request id, when the response carries one. */
  readonly requestId: string | undefined;
  constructor(ctx: ErrorContext, status: number, headers: Headers, body: unknown) {
    super(`${ctx.operationId}: ${ctx.method} ${ctx.url} answered ${status}`, ctx.operationId);
    this.status = status;
    this.headers = headers;
    // The body is whatever the server sent; it is typed as the declared schema for callers' convenience.
    this.body = body as TBody | string | undefined;
    this.requestId = findRequestId(headers);
  }
}

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
  /** The wait the server asked for, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(ctx: ErrorContext, status: number, headers: Headers, body: unknown, retryAfterMs: number | undefined) {
    super(ctx, status, headers, body);
    this.retryAfterMs = retryAfterMs;
  }
}
/** 5xx: the server failed. */
export class InternalServerError<TBody = unknown> extends ApiError<TBody> {
  override readonly name = 'InternalServerError' as const;
}

/** A 2xx response whose body is not the JSON it should be; `body` holds the raw text. */
export class ResponseParseError extends ApiError<string> {
  override readonly name = 'ResponseParseError' as const;
}

/** The request never got a response: DNS, refused or reset connection, TLS failure. */
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

/** Builds the error for a non-2xx response. */
export function errorForStatus(ctx: ErrorContext, status: number, headers: Headers, body: unknown, retryAfterMs: number | undefined): ApiError {
  switch (status) {
    case 400:
      return new BadRequestError(ctx, status, headers, body);
    case 401:
      return new AuthenticationError(ctx, status, headers, body);
    case 403:
      return new PermissionDeniedError(ctx, status, headers, body);
    case 404:
      return new NotFoundError(ctx, status, headers, body);
    case 409:
      return new ConflictError(ctx, status, headers, body);
    case 422:
      return new UnprocessableEntityError(ctx, status, headers, body);
    case 429:
      return new RateLimitError(ctx, status, headers, body, retryAfterMs);
    default:
      return status >= 500 ? new InternalServerError(ctx, status, headers, body) : new ApiError(ctx, status, headers, body);
  }
}
