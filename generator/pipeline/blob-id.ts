/** Git's id of a file's content, which the manifest records so a file's earlier bytes can be found in git. */
import { createHash } from 'node:crypto';

/** sha1 of `blob <length>\0` and the bytes: what `git hash-object` prints for the content. */
export function gitBlobId(content: string | Uint8Array): string {
  // A string is hashed as UTF-8 where it lies: copying it into a Buffer first cost as much as the hash
  // on a large package, and left megabytes of garbage per run.
  const length = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
  const hash = createHash('sha1').update(`blob ${length}\0`);
  return (typeof content === 'string' ? hash.update(content, 'utf8') : hash.update(content)).digest('hex');
}
