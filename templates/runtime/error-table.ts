/**
 * The one table of the client's error classes: which status throws which class, and what each means.
 * The runtime picks the class for a response from it (see `errorForStatus` in errors.ts), and the
 * generator reads the same table for the operations' error types, the README's error table and the
 * docs' examples, so a class added here appears everywhere. Data only: no class is referenced, so the
 * generator can import it without the runtime. The descriptions are a table of their own, which the
 * runtime never reads, so a bundle leaves them out.
 */

/** Every status with a class of its own, in status order. */
export const STATUS_ERRORS = [
  { status: 400, className: 'BadRequestError' },
  { status: 401, className: 'AuthenticationError' },
  { status: 403, className: 'PermissionDeniedError' },
  { status: 404, className: 'NotFoundError' },
  { status: 409, className: 'ConflictError' },
  { status: 422, className: 'UnprocessableEntityError' },
  { status: 429, className: 'RateLimitError' },
] as const;

/** The class of every 5xx status. */
export const SERVER_ERROR = 'InternalServerError';

/** The class of any other non-2xx status, and the base class of every status class. */
export const OTHER_STATUS_ERROR = 'ApiError';

/**
 * The classes thrown when no usable response arrived, in the order the README lists them: a 2xx the
 * client could not read, the failures below HTTP, and the client's own refusals.
 */
export const NON_STATUS_ERRORS = [
  'ResponseParseError',
  'ConnectionError',
  'TimeoutError',
  'AbortError',
  'InvalidInputError',
  'MissingCredentialError',
  'ResponseTooLargeError',
  'RedirectError',
] as const;

/** The failures below HTTP that any call may end in, whatever the operation declares. */
export const NETWORK_ERRORS = ['ConnectionError', 'TimeoutError', 'AbortError'] as const;

/** The name of a class the table gives a status of its own. */
export type StatusErrorName = (typeof STATUS_ERRORS)[number]['className'];

/**
 * Every error class the runtime exports, base class first: what a package re-exports and reserves.
 * A function, not a constant: a bundle of the runtime, which never calls it, then leaves it out.
 */
export function errorClassNames(): string[] {
  return ['ClientError', OTHER_STATUS_ERROR, ...STATUS_ERRORS.map((r) => r.className), SERVER_ERROR, ...NON_STATUS_ERRORS];
}

/** When each class is thrown, for the README (Markdown); the status classes' rows also name their status. */
export const ERROR_WHEN: Readonly<Record<StatusErrorName | typeof SERVER_ERROR | typeof OTHER_STATUS_ERROR | (typeof NON_STATUS_ERRORS)[number], string>> = {
  BadRequestError: 'the request was malformed or failed validation',
  AuthenticationError: 'credentials missing, wrong or expired',
  PermissionDeniedError: 'the credentials may not do this',
  NotFoundError: 'no such resource',
  ConflictError: 'conflicts with the current state',
  UnprocessableEntityError: 'understood but could not be applied',
  RateLimitError: 'too many requests; `retryAfterMs` says how long to wait',
  InternalServerError: 'the server failed',
  ApiError: 'any other non-2xx status; the base class of all of the above',
  ResponseParseError: 'a 2xx whose body is not the JSON it should be; `body` holds the raw text',
  ConnectionError: 'no response: the connection was refused or reset, the host name did not resolve, or TLS failed; the message says which',
  TimeoutError: 'no complete response within `timeoutMs`',
  AbortError: "the caller's `AbortSignal` cancelled the call",
  InvalidInputError:
    'the client refused to send the call: an option out of range, a header value no header can carry, a path parameter that would leave its path',
  MissingCredentialError: 'the operation needs a credential and none was given or found in the environment; nothing was sent',
  ResponseTooLargeError: 'the response body exceeded `maxResponseBytes`',
  RedirectError: 'a redirect the client would not follow',
};

/** The class thrown for a status: its own, `InternalServerError` for 5xx, else `ApiError`. */
export function errorClassName(status: number): StatusErrorName | typeof SERVER_ERROR | typeof OTHER_STATUS_ERROR {
  const row = STATUS_ERRORS.find((r) => r.status === status);
  if (row !== undefined) return row.className;
  return status >= 500 && status <= 599 ? SERVER_ERROR : OTHER_STATUS_ERROR;
}
