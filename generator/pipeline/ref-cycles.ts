/**
 * `$ref` chains that never reach a value (`A → B → A`, or a ref to itself). Recursive schemas are
 * fine and common; a chain made only of references is not, and bundlers fail on it without a
 * location, so it is found here first.
 */
import { atPointer, isObject } from '../model/resolve.js';

/** JSON pointers of the `$ref`s that start a cycle of references, in document order. */
export function findRefCycles(document: unknown): string[] {
  const refs: [string, string][] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${pointer}/${i}`));
    else if (isObject(node)) {
      if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) refs.push([pointer, node.$ref.slice(1)]);
      for (const [key, child] of Object.entries(node)) if (typeof child === 'object') walk(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(document, '');
  const cycles: string[] = [];
  for (const [pointer, target] of refs) {
    const seen = new Set([pointer]);
    let next: string | undefined = target;
    while (next !== undefined) {
      if (seen.has(next)) {
        cycles.push(pointer);
        break;
      }
      seen.add(next);
      const node = atPointer(document, next);
      next = isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#') ? node.$ref.slice(1) : undefined;
    }
  }
  return cycles;
}
