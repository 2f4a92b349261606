/** Git's id of a file's content, which the manifest records so a file's earlier bytes can be found in git. */
import { createHash } from 'node:crypto';

/** sha1 of `blob <length>\0` and the bytes: what `git hash-object` prints for the content. */
export function gitBlobId(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
