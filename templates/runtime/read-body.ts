/**
 * Reading a response body within a size limit. The limit is checked against the bytes as they
 * arrive, after fetch has decompressed them, so neither a huge nor an endless body nor a small
 * compressed one that expands (a gzip bomb) is ever held whole in memory.
 */
import { ResponseTooLargeError } from './errors.js';

/** The limit when the caller sets none: 32 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** How much of a body an error keeps. */
export const EXCERPT_BYTES = 16 * 1024;

const utf8 = new TextDecoder();

/**
 * The whole body of `response`, or a {@link ResponseTooLargeError} as soon as more than `limit`
 * bytes have arrived; the rest of the body is then cancelled, which closes the connection.
 */
export async function readBody(response: Response, limit: number, operationId: string): Promise<ArrayBuffer> {
  const length = Number(response.headers.get('content-length') ?? NaN);
  // Without a content coding the declared length is what arrives, so an API's usual small body is
  // read in one piece, at less cost than chunk by chunk; the check after covers a fetch that lies.
  const plain = !response.headers.has('content-encoding');
  if (limit === Infinity || (plain && length <= limit)) {
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength > limit) throw tooLarge(response, limit, new Uint8Array(bytes), operationId);
    return bytes;
  }
  // A body declared too large is refused once there is enough of it for the error's excerpt.
  const stopAt = plain && length > limit ? Math.min(EXCERPT_BYTES, limit + 1) : limit + 1;
  // Asked for only here: the one-piece read above has no use for the stream.
  const body = response.body;
  if (body === null) return new ArrayBuffer(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    chunks.push(value);
    if (total >= stopAt) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(response, limit, concat(chunks, Math.min(total, EXCERPT_BYTES)), operationId);
    }
  }
  const whole = concat(chunks, total);
  return whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength ? (whole.buffer as ArrayBuffer) : whole.slice().buffer;
}

/** The first {@link EXCERPT_BYTES} of a body as text, saying how much was left out. */
export function excerpt(text: string): string {
  if (text.length <= EXCERPT_BYTES) return text;
  return `${text.slice(0, EXCERPT_BYTES)}… [${text.length - EXCERPT_BYTES} more characters not kept]`;
}

function tooLarge(response: Response, limit: number, head: Uint8Array, operationId: string): ResponseTooLargeError {
  const text = utf8.decode(head.subarray(0, EXCERPT_BYTES));
  return new ResponseTooLargeError(
    `${operationId}: the response body is larger than the ${limit}-byte limit (maxResponseBytes) and was not read`,
    operationId,
    response.status,
    response.headers,
    limit,
    text,
  );
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]?.byteLength === size) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= size) break;
    const part = chunk.subarray(0, size - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
