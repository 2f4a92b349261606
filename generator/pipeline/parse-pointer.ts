/**
 * The JSON pointer of the place a syntax error stops parsing: the member being read there. A broken
 * file has no document to point into, but the keys that lead to the error are in the text before it,
 * and they tell the user which part of a large spec to look at (`#/paths/~1pets/get/responses`).
 */
import { isMap, isPair, isScalar, isSeq, type Document as YamlDocument, type Node as YamlNode } from 'yaml';
import { pointer } from '../issues.js';

type Frame =
  { kind: 'object'; token: string | undefined; key: string | undefined; afterColon: boolean } | { kind: 'array'; token: string | undefined; index: number };

/** The pointer of the member of JSON `text` being read at `offset`, from the text before it. */
export function jsonPointerAt(text: string, offset: number): string {
  const stack: Frame[] = [];
  const tokenHere = (): string | undefined => {
    const top = stack.at(-1);
    if (top === undefined) return undefined;
    if (top.kind === 'array') return String(top.index);
    return top.afterColon ? top.key : undefined;
  };
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.kind === 'object' && !top.afterColon) top.key = unescape(text.slice(i + 1, j));
      i = j;
    } else if (c === '{' || c === '[') {
      const token = tokenHere();
      stack.push(c === '{' ? { kind: 'object', token, key: undefined, afterColon: false } : { kind: 'array', token, index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ':') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.afterColon = true;
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'array') top.index++;
      else if (top?.kind === 'object') {
        top.afterColon = false;
        top.key = undefined;
      }
    }
  }
  const tokens = stack.map((f) => f.token).filter((t): t is string => t !== undefined);
  const last = tokenHere();
  return pointer(...(last === undefined ? tokens : [...tokens, last]));
}

function unescape(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** The pointer of the deepest node of a (partly) parsed YAML document whose text holds `offset`. */
export function yamlPointerAt(doc: YamlDocument, offset: number): string {
  const tokens: string[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 1000; depth++) {
    const next = childAt(node, offset);
    if (next === undefined) break;
    tokens.push(next.token);
    node = next.node;
  }
  return pointer(...tokens);
}

function childAt(node: unknown, offset: number): { token: string; node: unknown } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = item.key as YamlNode | null;
      const value = item.value as YamlNode | null;
      const start = key?.range?.[0];
      const stop = value?.range?.[2] ?? key?.range?.[2];
      if (start === undefined || stop === undefined || offset < start || offset > stop) continue;
      // An error in the key itself (a duplicate, one split over two lines) is in the map, not under the key.
      if (key?.range !== undefined && key.range !== null && offset < key.range[1]) return undefined;
      const token = isScalar(key) ? String(key.value) : String(key);
      return { token, node: value };
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const range = (item as YamlNode | null)?.range;
      if (range !== undefined && range !== null && offset >= range[0] && offset <= range[2]) return { token: String(index), node: item };
    }
  }
  return undefined;
}
