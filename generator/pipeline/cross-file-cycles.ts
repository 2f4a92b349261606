/**
 * Reference cycles that run through other files (`a.yaml#/A → b.yaml#/B → a.yaml#/A`). The root
 * file's own cycles are found before bundling (scan-refs.ts); a chain through referenced files is
 * only seen by Redocly's bundler, which fails on it without saying where. This follows every
 * reference of the files read so far to name each `$ref` on such a chain, in its own file.
 */
import type { BaseResolver, Document } from '@redocly/openapi-core';
import { parseRef } from '@redocly/openapi-core/lib/ref-utils.js';
import { pointer as joinPointer } from '../issues.js';
import { isObject } from '../json.js';

/** A `$ref` on a cycle: its document and its pointer there. */
export interface CycleRef {
  document: Document;
  pointer: string;
}

interface RefNode {
  document: Document;
  pointer: string;
  ref: string;
}

/** Every `$ref` (with its pointer) in one parsed document, without recursion. */
function refsOf(document: Document): RefNode[] {
  const found: RefNode[] = [];
  const stack: [unknown, string[]][] = [[document.parsed, []]];
  while (stack.length > 0) {
    const [node, tokens] = stack.pop() as [unknown, string[]];
    if (typeof node !== 'object' || node === null) continue;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') found.push({ document, pointer: joinPointer(...tokens), ref });
    // Pushed last to first, so the document is read in order.
    for (const [key, child] of Object.entries(node).reverse()) if (typeof child === 'object' && child !== null) stack.push([child, [...tokens, key]]);
  }
  return found;
}

/** The `$ref`s of `documents` whose chain of references leads back onto itself, in document order. */
export function crossFileCycles(documents: readonly Document[], resolver: BaseResolver): CycleRef[] {
  const byFile = new Map(documents.map((d) => [d.source.absoluteRef, d]));
  const key = (file: string, pointer: string) => `${file}#${pointer}`;
  // Where a reference leads: the file and pointer, and the `$ref` found there if the target is one.
  const follow = (from: Document, ref: string): { at: string; next?: RefNode } | undefined => {
    let parsed: ReturnType<typeof parseRef>;
    try {
      parsed = parseRef(ref);
    } catch {
      return undefined;
    }
    const file = parsed.uri === null ? from.source.absoluteRef : resolver.resolveExternalRef(from.source.absoluteRef, parsed.uri);
    const target = byFile.get(file);
    if (target === undefined) return undefined;
    let node: unknown = target.parsed;
    for (const segment of parsed.pointer) node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
    const pointer = joinPointer(...parsed.pointer);
    const next = isObject(node) && typeof node.$ref === 'string' ? { document: target, pointer, ref: node.$ref } : undefined;
    return { at: key(file, pointer), ...(next ? { next } : {}) };
  };
  const refs = documents.flatMap(refsOf);
  const endsInCycle = new Map<string, boolean>();
  for (const start of refs) {
    const chain = [key(start.document.source.absoluteRef, start.pointer)];
    const onChain = new Set(chain);
    let current: RefNode | undefined = start;
    let cycle = false;
    while (current !== undefined) {
      const step = follow(current.document, current.ref);
      if (step === undefined) break;
      const known = endsInCycle.get(step.at);
      if (known !== undefined || onChain.has(step.at)) {
        cycle = known ?? true;
        break;
      }
      chain.push(step.at);
      onChain.add(step.at);
      current = step.next;
    }
    for (const at of chain) if (!endsInCycle.has(at)) endsInCycle.set(at, cycle);
  }
  return refs.filter((r) => endsInCycle.get(key(r.document.source.absoluteRef, r.pointer)) === true).map(({ document, pointer }) => ({ document, pointer }));
}
