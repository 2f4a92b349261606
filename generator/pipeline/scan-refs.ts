/**
 * References. `$ref` chains that never reach a value (`A → B → A`, or a ref to itself). Recursive schemas are
 * fine and common; a chain made only of references is not, and bundlers fail on it without a
 * location, so it is found here first.
 */
import { atPointer, isObject } from '../json.js';

/** What a scan of every `$ref` finds. */
export interface RefScan {
  /** JSON pointers of the `$ref`s that start a cycle of references, in document order. */
  cycles: string[];
  /** Whether any `$ref` points outside the document. */
  hasExternal: boolean;
}

function pointerOf(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const token of tokens) out += typeof token === 'number' ? `/${token}` : `/${escapeToken(token)}`;
  return out;
}

// Most keys need no escaping; testing first saves two replacements a token.
function escapeToken(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

/** One walk over the document: reference cycles, and whether there is anything to bundle. */
export function scanRefs(document: unknown): RefScan {
  let hasExternal = false;
  const refs: [string, string][] = [];
  // The path is kept as a stack of tokens and joined only at a $ref: a large spec has millions of nodes.
  const stack: (string | number)[] = [];
  const walk = (node: object): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (typeof child !== 'object' || child === null) continue;
        stack.push(i);
        walk(child);
        stack.pop();
      }
      return;
    }
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string') {
      if (ref.startsWith('#')) refs.push([pointerOf(stack), ref.slice(1)]);
      else hasExternal = true;
    }
    for (const key in record) {
      const child = record[key];
      if (typeof child !== 'object' || child === null) continue;
      stack.push(key);
      walk(child);
      stack.pop();
    }
  };
  if (typeof document === 'object' && document !== null) walk(document);
  // Each reference is followed once: a chain is walked to its end (a value, a dead end or a node seen on
  // this walk) and every pointer on it remembers the outcome, so later chains stop where they join it.
  const endsInCycle = new Map<string, boolean>();
  for (const [pointer, target] of refs) {
    if (endsInCycle.has(pointer)) continue;
    const chain = [pointer];
    const onChain = new Set(chain);
    let next: string | undefined = target;
    let cycle = false;
    while (next !== undefined) {
      const known = endsInCycle.get(next);
      if (known !== undefined) {
        cycle = known;
        break;
      }
      if (onChain.has(next)) {
        cycle = true;
        break;
      }
      chain.push(next);
      onChain.add(next);
      const node = atPointer(document, next);
      next = isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#') ? node.$ref.slice(1) : undefined;
    }
    for (const p of chain) endsInCycle.set(p, cycle);
  }
  const cycles = refs.filter(([pointer]) => endsInCycle.get(pointer) === true).map(([pointer]) => pointer);
  return { cycles, hasExternal };
}
