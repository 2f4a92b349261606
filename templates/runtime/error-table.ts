/**
 * The one table of the client's error classes: which status throws which class, and what each means.
 * The runtime picks the class for a response from it (see `errorForStatus` in errors.ts), and the
 * generator reads the same table for the operations' error types, the README's error table and the
 * docs' examples, so a class added here appears everywhere. Data only: no class is referenced, so the
 * generator can import it without the runtime.
 */

/** A status with a class of its own. */
export interface StatusErrorRow {
  /** The HTTP status. */
  readonly status: number;
  /** The class thrown for it. */
  readonly className: string;
  /** When it is thrown, for the README (Markdown). */
  readonly when: string;
}

/** Every status with a class of its own, in status order. */
export const STATUS_ERRORS = [
  { status: 400, className: 'BadRequestError', when: 'the request was malformed or failed validation' },
  { status: 401, className: 'AuthenticationError', when: 'credentials missing, wrong or expired' },
  { status: 403, className: 'PermissionDeniedError', when: 'the credentials may not do this' },
  { status: 404, className: 'NotFoundError', when: 'no such resource' },
  { status: 409, className: 'ConflictError', when: 'conflicts with the current state' },
  { status: 422, className: 'UnprocessableEntityError', when: 'understood but could not be applied' },
  { status: 429, className: 'RateLimitError', when: 'too many requests; `retryAfterMs` says how long to wait' },
] as const satisfies readonly StatusErrorRow[];

/** The class of every 5xx status. */
export const SERVER_ERROR = { className: 'InternalServerError', when: 'the server failed' } as const;

/** The class of any other non-2xx status, and the base class of every status class. */
export const OTHER_STATUS_ERROR = { className: 'ApiError', when: 'any other non-2xx status; the base class of all of the above' } as const;

/**
 * What the client throws when no usable response arrived, in the order the README lists them. Every
 * operation may throw the first three (see {@link NETWORK_ERRORS}); the others are refusals of the
 * client's own, or a 2xx it could not read.
 */
export const NON_STATUS_ERRORS = [
  { className: 'ResponseParseError', when: 'a 2xx whose body is not the JSON it should be; `body` holds the raw text' },
  {
    className: 'ConnectionError',
    when: 'no response: the connection was refused or reset, the host name did not resolve, or TLS failed; the message says which',
  },
  { className: 'TimeoutError', when: 'no complete response within `timeoutMs`' },
  { className: 'AbortError', when: "the caller's `AbortSignal` cancelled the call" },
  {
    className: 'InvalidInputError',
    when: 'the client refused to send the call: an option out of range, a header value no header can carry, a path parameter that would leave its path',
  },
  { className: 'MissingCredentialError', when: 'the operation needs a credential and none was given or found in the environment; nothing was sent' },
  { className: 'ResponseTooLargeError', when: 'the response body exceeded `maxResponseBytes`' },
  { className: 'RedirectError', when: 'a redirect the client would not follow' },
] as const;

/** Every error class the runtime exports, base class first: what a package re-exports and reserves. */
export const ERROR_CLASS_NAMES: readonly string[] = [
  'ClientError',
  OTHER_STATUS_ERROR.className,
  ...STATUS_ERRORS.map((r) => r.className),
  SERVER_ERROR.className,
  ...NON_STATUS_ERRORS.map((r) => r.className),
];

/** The failures below HTTP that any call may end in, whatever the operation declares. */
export const NETWORK_ERRORS = ['ConnectionError', 'TimeoutError', 'AbortError'] as const;

/** The name of a class the table gives a status of its own. */
export type StatusErrorName = (typeof STATUS_ERRORS)[number]['className'];

/** The class thrown for a status: its own, `InternalServerError` for 5xx, else `ApiError`. */
export function errorClassName(status: number): StatusErrorName | typeof SERVER_ERROR.className | typeof OTHER_STATUS_ERROR.className {
  const row = STATUS_ERRORS.find((r) => r.status === status);
  if (row !== undefined) return row.className;
  return status >= 500 && status <= 599 ? SERVER_ERROR.className : OTHER_STATUS_ERROR.className;
}
