/**
 * File names made from spec names. A file system takes at most 255 bytes a name, and a spec may name
 * a tag or a schema with hundreds of characters: such a name is cut, and a hash of the whole keeps two
 * names that share their start apart. Short names, nearly all of them, are kept as they are.
 */
import { createHash } from 'node:crypto';

/** The longest name stem kept whole, in characters (UTF-8 may take up to 3 bytes for each of these). */
const MAX_STEM = 80;

/** `name`, or its start and a hash of it when it is too long for a file name. */
export function fileStem(name: string): string {
  if (name.length <= MAX_STEM) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${name.slice(0, MAX_STEM - 11)}-${hash}`;
}
