/** When to retry and how long to wait. */
import { parseHttpDate } from './http-date.js';

/** Retry tuning. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff ceiling in milliseconds; doubles each retry. */
  initialDelayMs: number;
  /** Largest wait, whatever the server or the backoff says. */
  maxDelayMs: number;
}

/** The defaults: two retries, backoff from 500 ms, never more than 60 s. */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 60_000 };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * The statuses retried: `anyMethod` for every method (429 means the request was not processed),
 * `idempotent` only for idempotent methods, which also retry every 5xx when `serverErrors` says so.
 */
export const RETRIED_STATUSES = { anyMethod: [429], idempotent: [408], serverErrors: true } as const;

/** Whether a response status is worth another attempt for this method. */
export function isRetryableStatus(method: string, status: number): boolean {
  if ((RETRIED_STATUSES.anyMethod as readonly number[]).includes(status)) return true;
  if (!IDEMPOTENT.has(method.toUpperCase())) return false;
  // A constant today, read all the same: the README's list of retried statuses is made from it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  return (RETRIED_STATUSES.idempotent as readonly number[]).includes(status) || (RETRIED_STATUSES.serverErrors && status >= 500 && status <= 599);
}

/** Whether a failure without a response may be retried for this method. */
export function isRetryableMethod(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms`, then `Retry-After`, then, for a
 * 429 only, `X-Ratelimit-Reset`. That header tells when the rate-limit window resets; APIs such as
 * GitHub's and LaunchDarkly's send it with every response, where it says nothing about when a
 * server that failed will work again. `Retry-After` is read as RFC 9110 §10.2.3 defines it, a whole number of
 * seconds or an HTTP date; any other value (`-5`, `1.5`, `3, 4` from two merged headers) is ignored,
 * so the call falls back to its own backoff. `X-Ratelimit-Reset` has no standard: APIs send epoch
 * milliseconds (LaunchDarkly), epoch seconds (GitHub) or seconds from now (many others), which its
 * size tells apart: no wait is 30 years long, and no clock reads 1970.
 */
export function serverDelayMs(headers: Headers, now: number, status: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const after = headers.get('retry-after')?.trim();
  if (after !== undefined) {
    if (/^\d+$/.test(after)) return Number(after) * 1000;
    const date = parseHttpDate(after, now);
    if (date !== undefined) return Math.max(0, date - now);
  }
  if (status !== 429) return undefined;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset !== undefined && /^\d+$/.test(reset)) {
    const value = Number(reset);
    if (value >= EPOCH_MS_FROM) return Math.max(0, value - now);
    if (value >= EPOCH_S_FROM) return Math.max(0, value * 1000 - now);
    return value * 1000;
  }
  return undefined;
}

// 2001-09-09 in epoch milliseconds, and 2001-09-09 in epoch seconds (about 32 years of seconds).
const EPOCH_MS_FROM = 1e12;
const EPOCH_S_FROM = 1e9;

/**
 * Whether a wait the server asked for is one to wait out: one longer than the policy's longest is
 * not shortened and retried early (a server that says an hour would only answer 429 again), so the
 * call fails at once, its error carrying `retryAfterMs`.
 */
export function waitsFor(serverMs: number | undefined, policy: RetryPolicy): boolean {
  return serverMs === undefined || serverMs <= policy.maxDelayMs;
}

/**
 * Full-jitter exponential backoff, or the server's wait when it gave one; both capped. A wait of
 * nothing (`Retry-After: 0`, a date already past on a server whose clock is behind) is the client's
 * own backoff: retrying at once, as often as allowed, is what a struggling server does not need.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, serverMs: number | undefined, random: () => number): number {
  if (serverMs !== undefined && serverMs > 0) return Math.min(serverMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
