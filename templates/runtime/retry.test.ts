/** Retry decisions and waits, as pure functions of status, method, headers and clock. */
import { describe, expect, it } from 'vitest';
import { parseHttpDate } from './http-date.js';
import { backoffMs, DEFAULT_RETRY, isRetryableMethod, isRetryableStatus, serverDelayMs, waitsFor } from './retry.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('serverDelayMs', () => {
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': 'Sun, 22 Nov 2026 12:00:10 GMT' }, 10_000],
    [{ 'retry-after': 'Sun, 22 Nov 2026 11:00:00 GMT' }, 0],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    // Epoch milliseconds (LaunchDarkly), epoch seconds (GitHub), seconds from now (many others).
    [{ 'x-ratelimit-reset': String(NOW + 4000) }, 4000],
    [{ 'x-ratelimit-reset': String(NOW / 1000 + 30) }, 30_000],
    [{ 'x-ratelimit-reset': '30' }, 30_000],
    [{ 'x-ratelimit-reset': String(NOW / 1000 - 30) }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    // Not a delay-seconds nor an HTTP date: Date.parse reads each of these as a past date, a wait of 0.
    [{ 'retry-after': '-5' }, undefined],
    [{ 'retry-after': '3, 4' }, undefined],
    [{ 'retry-after': '0.5' }, undefined],
    [{ 'retry-after': '1e3' }, undefined],
    [{ 'retry-after': '2026-11-22T12:00:10Z' }, undefined],
    [{ 'retry-after': '22 Nov 2026 12:00:10 GMT' }, undefined],
    // Falls through to the next header the server sent.
    [{ 'retry-after': '-5', 'x-ratelimit-reset': String(NOW + 4000) }, 4000],
    [{}, undefined],
  ])('%o → %s', (headers, expected) => {
    expect(serverDelayMs(new Headers(headers), NOW, 429)).toBe(expected);
  });

  // GitHub and LaunchDarkly send the window's reset with every response: on a 503 it is no wait
  // the server asked for, and a failed call is retried on the client's own backoff.
  it.each([500, 503, 408])('reads X-Ratelimit-Reset on a 429 only, not on a %i', (status) => {
    expect(serverDelayMs(new Headers({ 'x-ratelimit-reset': String(NOW + 120_000) }), NOW, status)).toBeUndefined();
    expect(serverDelayMs(new Headers({ 'retry-after': '3', 'x-ratelimit-reset': String(NOW + 120_000) }), NOW, status)).toBe(3000);
  });
});

describe('parseHttpDate', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['Sun, 22 Nov 2026 12:00:10 GMT', at('2026-11-22T12:00:10Z')],
    // The obsolete forms RFC 9110 §5.6.7 still asks recipients to read.
    ['Sunday, 22-Nov-26 12:00:10 GMT', at('2026-11-22T12:00:10Z')],
    ['Sun Nov 22 12:00:10 2026', at('2026-11-22T12:00:10Z')],
    ['Sun Nov  6 08:49:37 1994', at('1994-11-06T08:49:37Z')],
    // A two-digit year more than 50 years ahead is the most recent past one.
    ['Sunday, 06-Nov-94 08:49:37 GMT', at('1994-11-06T08:49:37Z')],
    ['Sunday, 06-Nov-1994 08:49:37 GMT', undefined],
    // A four-digit year below 100 is that year, not 19xx.
    ['Thu, 01 Jan 0099 00:00:00 GMT', new Date('0099-01-01T00:00:00Z').getTime()],
    ['Sun, 31 Feb 2026 12:00:10 GMT', undefined],
    ['Sun, 22 Nov 2026 24:00:10 GMT', undefined],
    ['Sun, 22 Nov 2026 12:00:10 UTC', undefined],
    ['sun, 22 nov 2026 12:00:10 GMT', undefined],
    ['Sun, 22 Nov 2026 12:00:10 GMT, Mon, 23 Nov 2026 12:00:10 GMT', undefined],
    ['-5', undefined],
    ['3, 4', undefined],
  ])('%s', (text, expected) => {
    expect(parseHttpDate(text, NOW)).toBe(expected);
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
    // fetch hands on any status a server sends: past 599 is no server error.
    ['GET', 600, false],
    ['GET', 999, false],
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
  it('backs off on its own when the server asks for no wait at all', () => {
    expect(backoffMs(1, DEFAULT_RETRY, 0, () => 0.5)).toBe(backoffMs(1, DEFAULT_RETRY, undefined, () => 0.5));
    expect(backoffMs(1, DEFAULT_RETRY, 0, () => 0.5)).toBeGreaterThan(0);
  });
});

describe('waitsFor', () => {
  it('waits out what the server asks up to the longest wait, and no longer', () => {
    expect(waitsFor(undefined, DEFAULT_RETRY)).toBe(true);
    expect(waitsFor(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY)).toBe(true);
    expect(waitsFor(DEFAULT_RETRY.maxDelayMs + 1, DEFAULT_RETRY)).toBe(false);
  });
});
