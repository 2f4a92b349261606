/**
 * Nesting depth. Redocly's walker, openapi-typescript's transform, the TypeScript printer and the
 * model all recurse once (or more) per level of a document, following `$ref`s as they go, so a
 * document nested a few hundred levels deep (or a few hundred schemas each referencing the next)
 * overflows the call stack somewhere in the pipeline. The depth is measured here first, by a walk
 * that itself never recurses deeper than the limit, so such a document ends with a located problem.
 */
import { pointerToken } from '../issues.js';
import { atPointer } from '../json.js';

/**
 * The deepest nesting accepted, in levels of objects and arrays, counting a `$ref` as the levels of
 * what it names. Published specs reach 190 (Microsoft Graph; Stripe 150, GitHub's under 100); every
 * stage of the pipeline still runs at twice this, whatever schema keywords make up the levels.
 */
export const MAX_NESTING = 400;

/** The message of a `too-deep` problem, wherever it is found. */
export const TOO_DEEP_MESSAGE = `nests more than ${MAX_NESTING} levels deep (counting through $refs); flatten it with named schemas`;

/** Where a document first nests deeper than the limit. */
export interface TooDeep {
  /** JSON pointer of the node one level past the limit, or of the `$ref` that leads past it. */
  pointer: string;
}

/** A step of the current path: a key or index below the node, or a jump to a `$ref`'s target pointer. */
type Step = string | number | { target: string };

function pointerOf(steps: readonly Step[]): string {
  let out = '';
  for (const step of steps) out = typeof step === 'object' ? step.target : `${out}/${typeof step === 'number' ? step : pointerToken(step)}`;
  return out;
}

interface Target {
  pointer: string;
  node: object;
}

/** The object an internal `$ref` names, looked up once per distinct reference. */
function refTarget(document: unknown, ref: string, cache: Map<string, Target | undefined>): Target | undefined {
  if (cache.has(ref)) return cache.get(ref);
  let node: unknown;
  try {
    node = atPointer(document, ref.slice(1));
  } catch {
    // A malformed pointer: validation reports it as an unresolved reference.
    node = undefined;
  }
  const target = typeof node === 'object' && node !== null ? { pointer: ref.slice(1), node } : undefined;
  cache.set(ref, target);
  return target;
}

/**
 * The first place where `document` nests deeper than `limit` levels (following its internal `$ref`s),
 * or undefined. Linear in the size of the document: the target of a `$ref` is measured once however
 * many references name it, and a reference back to a target being measured (a recursive schema) adds
 * nothing.
 */
export function findTooDeep(document: unknown, limit = MAX_NESTING): TooDeep | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const targets = new Map<string, Target | undefined>();
  const measured = new Map<object, number>();
  const open = new Set<object>();
  const path: Step[] = [];
  let found: string | undefined;
  // Levels from `node` down, itself included; -1 once the limit is passed (and `found` says where).
  const depthOf = (node: object, level: number): number => {
    if (level > limit) {
      found = pointerOf(path);
      return -1;
    }
    let below = 0;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (typeof child !== 'object' || child === null) continue;
        path.push(i);
        const depth = depthOf(child, level + 1);
        path.pop();
        if (depth < 0) return -1;
        if (depth > below) below = depth;
      }
      return below + 1;
    }
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    const target = typeof ref === 'string' && ref.startsWith('#') ? refTarget(document, ref, targets) : undefined;
    if (target !== undefined && !open.has(target.node)) {
      let depth = measured.get(target.node);
      if (depth === undefined) {
        open.add(target.node);
        path.push({ target: target.pointer });
        depth = depthOf(target.node, level + 1);
        path.pop();
        open.delete(target.node);
        if (depth < 0) return -1;
        measured.set(target.node, depth);
      } else if (level + depth > limit) {
        found = pointerOf(path);
        return -1;
      }
      if (depth > below) below = depth;
    }
    for (const key in record) {
      const child = record[key];
      if (typeof child !== 'object' || child === null) continue;
      // A component already measured through a reference is not walked again where it is declared.
      const known = measured.get(child);
      if (known !== undefined && level + known <= limit) {
        if (known > below) below = known;
        continue;
      }
      path.push(key);
      const depth = depthOf(child, level + 1);
      path.pop();
      if (depth < 0) return -1;
      if (depth > below) below = depth;
    }
    return below + 1;
  };
  depthOf(document, 1);
  return found === undefined ? undefined : { pointer: found };
}
