/**
 * Reading an input file (a spec, an overlay, a file a spec references) within a size limit. A path
 * may name anything: `/dev/zero` or a named pipe would be read without end, a huge file held whole.
 * Only a regular file is read, and only when its size is within the limit.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** The largest spec (or referenced file) read: about twenty times the largest published specs. */
export const MAX_SPEC_BYTES = 256 * 1024 * 1024;

/** An input refused for what it is, not for an operating-system failure; its message says why. */
export class InputRefused extends Error {
  override readonly name = 'InputRefused';
  constructor(
    /** Why: the path names no regular file, or one over the limit. */
    readonly reason: 'not-a-file' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MiB`;
}

/**
 * The bytes of `file`. Throws {@link InputRefused} for anything but a regular file and for a file
 * over `maxBytes`, and the operating system's error (ENOENT, EISDIR, …) otherwise.
 */
export async function readInput(file: string, maxBytes: number): Promise<Buffer> {
  // Non-blocking: opening a named pipe waits for a writer otherwise.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
    if (!st.isFile()) throw new InputRefused('not-a-file', 'it is not a regular file (a device, a pipe or a socket), which could be read without end');
    if (st.size > maxBytes)
      throw new InputRefused('too-large', `it is ${st.size.toLocaleString('en-US')} bytes; tokenkit reads files of up to ${mib(maxBytes)}`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
