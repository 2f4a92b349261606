/** Retry decisions and waits, as pure functions of status, method, headers and clock. */
import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY, isRetryableMethod, isRetryableStatus, serverDelayMs } from './retry.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('serverDelayMs', () => {
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Sun, 22 Nov 2026 12:00:10 GMT' }, 10_000],
    [{ 'retry-after': 'Sun, 22 Nov 2026 11:00:00 GMT' }, 0],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'x-ratelimit-reset': String(NOW + 4000) }, 4000],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%o → %s', (headers, expected) => {
    expect(serverDelayMs(new Headers(headers), NOW)).toBe(expected);
  });
});

describe('what is retried', () => {
  it.each([
    ['GET', 503, true],
    ['GET', 408, true],
    ['GET', 404, false],
    ['DELETE', 500, true],
    ['POST', 503, false],
    ['PATCH', 500, false],
    ['POST', 429, true],
  ])('%s %i → %s', (method, status, expected) => {
    expect(isRetryableStatus(method, status)).toBe(expected);
  });
  it('retries connection failures only for idempotent methods', () => {
    expect([isRetryableMethod('get'), isRetryableMethod('PUT'), isRetryableMethod('POST')]).toEqual([true, true, false]);
  });
});

describe('backoffMs', () => {
  it('draws full jitter under a doubling ceiling', () => {
    expect([0, 1, 2].map((a) => backoffMs(a, DEFAULT_RETRY, undefined, () => 0.999))).toEqual([499, 999, 1998]);
    expect(backoffMs(3, DEFAULT_RETRY, undefined, () => 0)).toBe(0);
  });
  it('uses the server wait, capped', () => {
    expect(backoffMs(0, DEFAULT_RETRY, 1234, () => 0.5)).toBe(1234);
    expect(backoffMs(0, DEFAULT_RETRY, 3_600_000, () => 0.5)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});
