/**
 * What an operation's `is…Error` guard checks: that an error was thrown by that operation, and is a
 * network failure or a status the operation declares, with a body of the declared kind. Only then does
 * the guard narrow the error to the operation's error union, in which each class carries the body
 * schema declared for its status.
 */
import { AbortError, ApiError, ClientError, ConnectionError, ResponseParseError, TimeoutError } from './errors.js';

/**
 * How the body of a declared error response is checked: `object` when the declared schema is a JSON
 * object or array (a proxy's HTML page under that status then fails the guard), `any` when no check
 * can tell (no content, a text or scalar schema).
 */
export type DeclaredBody = 'object' | 'any';

/** An operation's declared error responses: a status (`404`), a range (`4XX`) or `default` → its body check. */
export type DeclaredErrors = Readonly<Record<string, DeclaredBody>>;

/**
 * Whether `err` is one the operation `operationId` declares: a {@link ConnectionError},
 * {@link TimeoutError} or {@link AbortError} of that operation, or an {@link ApiError} of that
 * operation whose status the operation declares (exactly, by range, or by `default`, the most specific
 * first, as OpenAPI reads them) and whose body passes the declared check.
 */
export function isOperationError(err: unknown, operationId: string, declared: DeclaredErrors): boolean {
  if (!(err instanceof ClientError) || err.operationId !== operationId) return false;
  if (err instanceof ConnectionError || err instanceof TimeoutError || err instanceof AbortError) return true;
  if (!(err instanceof ApiError) || err instanceof ResponseParseError) return false;
  const status = String(err.status);
  // The keys are digits, `NXX` and `default`: none is a name on Object.prototype.
  const check = declared[status] ?? declared[`${status.charAt(0)}XX`] ?? declared.default;
  if (check === undefined) return false;
  return check === 'any' || (typeof err.body === 'object' && err.body !== null);
}
