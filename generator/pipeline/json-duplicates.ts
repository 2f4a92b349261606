/**
 * Duplicate keys in JSON. JSON.parse keeps the last of two equal keys, so a second `"/things"` path
 * would silently drop the first; YAML rejects them. One linear pass over text JSON.parse has already
 * accepted finds the first duplicate, so JSON is held to the same rule.
 */

/** The offset of the first key that repeats a key of the same object, or undefined. */
export function findDuplicateKey(text: string): { offset: number; key: string } | undefined {
  const objects: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) objects.push(new Set());
    else if (c === 0x5b /* [ */) objects.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) objects.pop();
    else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) {
          escaped = true;
          i++;
        }
      }
      const keys = objects[objects.length - 1];
      if (!keys) continue;
      // A string is a key when the next non-space character is a colon.
      let j = i + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3a /* : */) continue;
      // Only a key with an escape needs decoding; most are copied as they stand.
      const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      if (keys.has(key)) return { offset: start, key };
      keys.add(key);
    }
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
