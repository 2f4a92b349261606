/**
 * Checks of what a caller hands the client, made before anything is sent. A bad value is an
 * {@link InvalidInputError} saying which option is wrong and why; a header's value is never quoted,
 * since it may be a credential.
 */
import { InvalidInputError } from './errors.js';

/** The per-attempt timeout when neither the client nor the call sets one, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The options that are checked, whether given to the client or to one call. */
export interface CheckedOptions {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  maxResponseBytes?: number | undefined;
  headers?: Record<string, string> | undefined;
}

/**
 * Throws an {@link InvalidInputError} for the first option out of range. `operationId` is the call's,
 * or empty for the client's own options.
 */
export function checkOptions(options: CheckedOptions, operationId: string): void {
  const where = operationId === '' ? 'client option' : `${operationId}: option`;
  const fail = (message: string): never => {
    throw new InvalidInputError(`${where} ${message}`, operationId);
  };
  const { timeoutMs, maxRetries, maxResponseBytes, headers } = options;
  // Infinity is allowed where it means "no limit"; NaN, negatives and zero never mean anything useful.
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0)) {
    fail(`timeoutMs must be a number of milliseconds above 0, or Infinity for no timeout (got ${describe(timeoutMs)})`);
  }
  if (maxRetries !== undefined && !(typeof maxRetries === 'number' && Number.isInteger(maxRetries) && maxRetries >= 0)) {
    fail(`maxRetries must be a whole number, 0 or more (got ${describe(maxRetries)})`);
  }
  if (
    maxResponseBytes !== undefined &&
    !(typeof maxResponseBytes === 'number' && maxResponseBytes > 0 && (Number.isInteger(maxResponseBytes) || maxResponseBytes === Infinity))
  ) {
    fail(`maxResponseBytes must be a whole number of bytes above 0, or Infinity for no limit (got ${describe(maxResponseBytes)})`);
  }
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string' && !isHeaderValue(value)) fail(`headers[${JSON.stringify(name)}] ${HEADER_VALUE_PROBLEM}`);
  }
}

/** Why a header value was refused, for messages. */
export const HEADER_VALUE_PROBLEM = 'holds a line break, a NUL or a character above U+00FF, which an HTTP header cannot carry';

/**
 * Whether fetch accepts `value` as a header value: it refuses CR, LF and NUL, and characters beyond
 * one byte, with a TypeError whose message quotes the value.
 */
export function isHeaderValue(value: string): boolean {
  return !/[\r\n\0\u0100-\uffff]/.test(value);
}

// A number is shown (it is not a secret); anything else only by its type.
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : `a value of type ${typeof value}`;
}
