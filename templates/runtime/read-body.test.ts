/** Bodies read within a size limit: whole when under it, stopped early when over it. */
import { describe, expect, it } from 'vitest';
import { ResponseTooLargeError } from './errors.js';
import { EXCERPT_BYTES, excerpt, readBody } from './read-body.js';

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

/** A body of chunks of `size` bytes, `count` of them (endless when Infinity), counting what was pulled. */
function chunked(size: number, count: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= count) {
        controller.close();
        return;
      }
      pulled++;
      controller.enqueue(bytes(size));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(stream, { status: 502, headers }), pulled: () => pulled, cancelled: () => cancelled };
}

async function refusal(promise: Promise<unknown>): Promise<ResponseTooLargeError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ResponseTooLargeError);
  return outcome as ResponseTooLargeError;
}

describe('readBody', () => {
  it('reads a body at the limit whole, with or without a length', async () => {
    expect((await readBody(new Response(bytes(100)), 100, 'op')).byteLength).toBe(100);
    const { response } = chunked(10, 10);
    expect(new Uint8Array(await readBody(response, 100, 'op'))).toEqual(bytes(100));
  });

  it('reads an empty body', async () => {
    expect((await readBody(new Response(null, { status: 204 }), 10, 'op')).byteLength).toBe(0);
  });

  it('stops an endless body once past the limit and cancels the rest', async () => {
    const body = chunked(1000, Infinity);
    const err = await refusal(readBody(body.response, 10_000, 'getThing'));
    expect(body.pulled()).toBeLessThanOrEqual(12);
    expect(body.cancelled()).toBe(true);
    expect(err).toMatchObject({ operationId: 'getThing', status: 502, maxResponseBytes: 10_000 });
    expect(err.message).toBe('getThing: the response body is larger than the 10000-byte limit (maxResponseBytes) and was not read');
    expect(err.excerpt).toBe('a'.repeat(10_000 + 1000));
  });

  it('keeps at most an excerpt of the body on the error', async () => {
    const err = await refusal(readBody(chunked(64 * 1024, Infinity).response, 1024 * 1024, 'op'));
    expect(err.excerpt).toHaveLength(EXCERPT_BYTES);
  });

  it('counts the bytes of an encoded body as they come, whatever its declared length', async () => {
    // fetch decodes a gzip body and keeps the compressed length in the headers: the length says nothing.
    const body = chunked(1000, 50, { 'content-encoding': 'gzip', 'content-length': '10' });
    await refusal(readBody(body.response, 20_000, 'op'));
    expect(body.pulled()).toBeLessThanOrEqual(22);
  });

  it('refuses a body declared too large after reading no more than an excerpt of it', async () => {
    const body = chunked(1000, Infinity, { 'content-length': String(500 * 1024 * 1024) });
    const err = await refusal(readBody(body.response, 1024 * 1024, 'op'));
    expect(body.pulled()).toBeLessThanOrEqual(Math.ceil(EXCERPT_BYTES / 1000) + 1);
    expect(err.excerpt).toHaveLength(EXCERPT_BYTES);
  });

  it('checks the bytes read against the limit even when the declared length was small', async () => {
    const body = chunked(1000, 5, { 'content-length': '10' });
    await refusal(readBody(body.response, 100, 'op'));
  });

  it('reads any size with no limit', async () => {
    expect((await readBody(chunked(1000, 50).response, Infinity, 'op')).byteLength).toBe(50_000);
  });
});

describe('excerpt', () => {
  it('keeps a short text whole and the start of a long one', () => {
    expect(excerpt('short')).toBe('short');
    const long = excerpt('z'.repeat(EXCERPT_BYTES + 10));
    expect(long).toBe(`${'z'.repeat(EXCERPT_BYTES)}… [10 more characters not kept]`);
  });
});
