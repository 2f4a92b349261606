/** What the client refuses in its own and per-call options, before anything is sent. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors.js';
import { checkOptions, type CheckedOptions } from './options.js';

function refusal(options: CheckedOptions, operationId = 'getThing'): InvalidInputError | undefined {
  try {
    checkOptions(options, operationId);
    return undefined;
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    return err;
  }
}

describe('checkOptions', () => {
  it.each<[string, CheckedOptions]>([
    ['nothing', {}],
    ['a timeout', { timeoutMs: 1500 }],
    ['no timeout', { timeoutMs: Infinity }],
    ['a timeout past the timer limit', { timeoutMs: 2 ** 31 + 1 }],
    ['a fractional timeout', { timeoutMs: 0.5 }],
    ['no retries', { maxRetries: 0 }],
    ['a size limit', { maxResponseBytes: 1024 }],
    ['no size limit', { maxResponseBytes: Infinity }],
    ['plain headers', { headers: { 'X-Api-Key': 'k\tey with tab', Accept: 'application/json' } }],
  ])('accepts %s', (_what, options) => {
    expect(refusal(options)).toBeUndefined();
  });

  it.each<[CheckedOptions, string]>([
    [{ timeoutMs: NaN }, 'getThing: option timeoutMs must be a number of milliseconds above 0, or Infinity for no timeout (got NaN)'],
    [{ timeoutMs: -1 }, 'getThing: option timeoutMs must be a number of milliseconds above 0, or Infinity for no timeout (got -1)'],
    [{ timeoutMs: 0 }, 'getThing: option timeoutMs must be a number of milliseconds above 0, or Infinity for no timeout (got 0)'],
    [
      { timeoutMs: '1000' as unknown as number },
      'getThing: option timeoutMs must be a number of milliseconds above 0, or Infinity for no timeout (got a value of type string)',
    ],
    [{ timeoutMs: -Infinity }, 'getThing: option timeoutMs must be a number of milliseconds above 0, or Infinity for no timeout (got -Infinity)'],
    [{ maxRetries: NaN }, 'getThing: option maxRetries must be a whole number, 0 or more (got NaN)'],
    [{ maxRetries: 1.5 }, 'getThing: option maxRetries must be a whole number, 0 or more (got 1.5)'],
    [{ maxRetries: Infinity }, 'getThing: option maxRetries must be a whole number, 0 or more (got Infinity)'],
    [{ maxResponseBytes: 0 }, 'getThing: option maxResponseBytes must be a whole number of bytes above 0, or Infinity for no limit (got 0)'],
    [{ maxResponseBytes: 10.5 }, 'getThing: option maxResponseBytes must be a whole number of bytes above 0, or Infinity for no limit (got 10.5)'],
    [
      { maxResponseBytes: null as unknown as number },
      'getThing: option maxResponseBytes must be a whole number of bytes above 0, or Infinity for no limit (got null)',
    ],
  ])('refuses %o', (options, message) => {
    const err = refusal(options);
    expect(err?.message).toBe(message);
    expect(err?.operationId).toBe('getThing');
  });

  it("says which of the client's options is wrong", () => {
    const err = refusal({ timeoutMs: NaN }, '');
    expect(err?.message).toMatch(/^client option timeoutMs must be/);
    expect(err?.operationId).toBe('');
  });

  it.each(['s3cr3t\r\nX-Injected: 1', 's3cr3t\n', 's3cr3t\0', 's3cr3t☃'])('refuses a header value fetch would reject, naming the header only: %j', (value) => {
    const err = refusal({ headers: { Accept: 'application/json', 'X-Api-Key': value } });
    expect(err?.message).toBe('getThing: option headers["X-Api-Key"] holds a line break, a NUL or a character above U+00FF, which an HTTP header cannot carry');
    expect(String(err?.stack)).not.toContain('s3cr3t');
  });
});
