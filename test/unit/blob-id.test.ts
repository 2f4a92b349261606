/** gitBlobId is git's own id for the content: the manifest's ids must match what `git hash-object` prints. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gitBlobId } from '../../generator/pipeline/blob-id.js';

function gitHashObject(bytes: Uint8Array): string {
  return execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();
}

describe('gitBlobId', () => {
  // Multi-byte characters make the byte length differ from the string length; a lone surrogate is
  // written as U+FFFD (three bytes), as Node writes it to disk.
  const texts = ['', 'a\n', 'é € 😀 — ü\n', 'x'.repeat(70_000), `lone \uD800 surrogate \uDC00`, '\u2028\u2029\0'];

  it.each(texts.map((text) => [JSON.stringify(text.slice(0, 20)), text]))('hashes the string %s as git hashes its UTF-8 bytes', (_, text) => {
    expect(gitBlobId(text)).toBe(gitHashObject(Buffer.from(text, 'utf8')));
  });

  it('hashes bytes as they are', () => {
    const bytes = new Uint8Array([0, 255, 128, 10, 0xc3, 0xa9]);
    expect(gitBlobId(bytes)).toBe(gitHashObject(bytes));
  });
});
