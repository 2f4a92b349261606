/**
 * Duplicate keys in JSON. JSON.parse keeps the last of two equal keys, so a second `"/things"` path
 * would silently drop the first; YAML rejects them. One linear pass over text JSON.parse has already
 * accepted finds the first duplicate, so JSON is held to the same rule.
 *
 * The pass reads the UTF-8 bytes rather than the decoded string: every character it looks for is
 * ASCII, which never occurs inside a multi-byte sequence, and reading bytes is about twice as fast on
 * a large spec. Keys are compared by their bytes; only a key with an escape is decoded first.
 */

/** The character offset in `text` of the first key that repeats a key of the same object, and the key; or undefined. `utf8` is the text's UTF-8 bytes, when the caller has them. */
export function findDuplicateKey(text: string, utf8: Uint8Array = Buffer.from(text, 'utf8')): { offset: number; key: string } | undefined {
  const bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
  const objects: (Set<string> | null)[] = [];
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 0x7b /* { */) objects.push(new Set());
    else if (c === 0x5b /* [ */) objects.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) objects.pop();
    else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < n && bytes[i] !== 0x22; i++) {
        if (bytes[i] === 0x5c /* \ */) {
          escaped = true;
          i++;
        }
      }
      const keys = objects[objects.length - 1];
      if (!keys) continue;
      // A string is a key when the next non-space character is a colon.
      let j = i + 1;
      while (j < n && isSpace(bytes[j])) j++;
      if (bytes[j] !== 0x3a /* : */) continue;
      // Keys are held as their UTF-8 bytes, one latin1 character a byte: equal keys give equal strings.
      const key = escaped
        ? Buffer.from(JSON.parse(bytes.toString('utf8', start, i + 1)) as string, 'utf8').toString('latin1')
        : bytes.toString('latin1', start + 1, i);
      if (keys.has(key)) return { offset: bytes.toString('utf8', 0, start).length, key: Buffer.from(key, 'latin1').toString('utf8') };
      keys.add(key);
    }
  }
  return undefined;
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Whether JSON text that JSON.parse made into `value` may repeat a key. JSON.parse keeps one property
 * per distinct key of an object, so a text with as many keys as the parsed value has properties
 * repeats none. Counting makes no string and no set, a fraction of what {@link findDuplicateKey}
 * costs on a large spec, which then runs only on a text that does repeat a key, to say where.
 */
export function mayRepeatKeys(value: unknown, utf8: Uint8Array): boolean {
  return countKeys(utf8) !== countProperties(value);
}

/** Strings followed by a colon: in text JSON.parse accepted, exactly the keys. String bodies are skipped with a native search. */
function countKeys(utf8: Uint8Array): number {
  const bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
  const n = bytes.length;
  let keys = 0;
  let open = bytes.indexOf(0x22 /* " */);
  while (open !== -1) {
    let close = bytes.indexOf(0x22, open + 1);
    // A quote after an odd run of backslashes is part of the string.
    for (let slashes = backslashesBefore(bytes, close); close !== -1 && slashes % 2 === 1; slashes = backslashesBefore(bytes, close))
      close = bytes.indexOf(0x22, close + 1);
    if (close === -1) break;
    let j = close + 1;
    while (j < n && isSpace(bytes[j])) j++;
    if (bytes[j] === 0x3a /* : */) keys++;
    open = bytes.indexOf(0x22, close + 1);
  }
  return keys;
}

function backslashesBefore(bytes: Uint8Array, at: number): number {
  let count = 0;
  while (at - 1 - count >= 0 && bytes[at - 1 - count] === 0x5c /* \ */) count++;
  return count;
}

/** Own properties of every object in a parsed value, counted without recursion (the nesting is not checked yet). */
function countProperties(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const object = node as Record<string, unknown>;
    for (const key in object) {
      count++;
      const child = object[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return count;
}
