/**
 * Applying an Overlay's actions to a parsed document, in order, each on the result of the one
 * before. `update` on an object merges recursively (a value of the same kind merges or, for a list,
 * is appended to; any other value replaces what was there), `update` on a list appends the value
 * (a list's entries one by one), and `remove` deletes each matched node from the object or list that
 * holds it. Keys are defined as own data properties, so `__proto__` or `constructor` in an overlay
 * is a key like any other and never reaches a prototype.
 *
 * Stricter than the specification asks, because a stale overlay should be noticed, not skipped: an
 * action whose target matches nothing, and an `update` aimed at a string, number, boolean or null,
 * are located problems in the overlay file.
 *
 * @see https://spec.openapis.org/overlay/v1.0.0.html#action-object
 */
import { JSONPathError, type JSONValue } from 'json-p3';
import { pointer, SpecError, type SpecIssue } from '../issues.js';
import { isObject, setOwn } from '../json.js';
import { locateIn } from './locate.js';
import type { OverlayAction, OverlayDocument } from './overlay-document.js';
import { WriteLog, type OverlayWrite } from './overlay-provenance.js';

/**
 * The most nodes all the actions of one run may add to a document (an update's size times the nodes
 * it is applied to): a small update aimed at every node of a large spec must not make it unbounded.
 */
export const MAX_OVERLAY_NODES = 2_000_000;

type Container = Record<string, unknown> | unknown[];

/** Applies every action of `overlay` to `document`, which it changes in place; throws a located {@link SpecError}. */
export function applyOverlay(
  document: Record<string, unknown>,
  overlay: OverlayDocument,
  specFile: string,
  budget = { nodes: MAX_OVERLAY_NODES },
  log = new WriteLog(overlay.file, overlay.source),
): OverlayWrite[] {
  const fail = (action: OverlayAction, code: string, message: string, at = `${action.pointer}/target`): never => {
    const issue: SpecIssue = { code, message, file: overlay.file, pointer: at, ...locateIn(overlay.source, at) };
    throw new SpecError([issue]);
  };
  for (const action of overlay.actions) {
    let nodes: { value: unknown; location: (string | number)[] }[];
    try {
      nodes = action.query.query(document as JSONValue).nodes;
    } catch (err) {
      if (!(err instanceof JSONPathError)) throw err;
      return fail(action, 'overlay-jsonpath', `the target ${JSON.stringify(action.target)} could not be evaluated: ${err.message}`);
    }
    if (nodes.length === 0)
      fail(action, 'overlay-no-match', `the target ${JSON.stringify(action.target)} matches nothing in ${specFile} (after the actions before it)`);
    if (action.remove) removeAll(document, nodes, () => fail(action, 'overlay-target', 'the target selects the whole document, which cannot be removed'));
    else {
      // A node a query selects twice (`$['a','a']`) is updated once.
      const seen = new Set<unknown>();
      const targets = nodes.filter((n) => typeof n.value !== 'object' || n.value === null || (!seen.has(n.value) && seen.add(n.value)));
      budget.nodes -= countNodes(action.update) * targets.length;
      if (budget.nodes < 0) fail(action, 'overlay-too-large', `the overlay adds more than ${MAX_OVERLAY_NODES} nodes to the document`, action.pointer);
      for (const node of targets)
        updateNode(node.value, action.update, (message, at) => fail(action, 'overlay-target', message, at), node.location, action.pointer, log);
    }
  }
  return log.writes;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function updateNode(
  target: unknown,
  update: unknown,
  fail: (message: string, at: string) => never,
  location: (string | number)[],
  at: string,
  log: WriteLog,
): void {
  const where = location.length === 0 ? 'the document' : `$${location.map((k) => `[${JSON.stringify(k)}]`).join('')}`;
  if (Array.isArray(target)) {
    if (Array.isArray(update)) append(target, update, location, `${at}/update`, log);
    else {
      log.wrote([...location, target.length], `${at}/update`);
      target.push(clone(update));
    }
  } else if (isObject(target)) {
    if (!isObject(update))
      fail(`the target selects an object (${where}) but "update" is ${describe(update)}; to merge into an object, update must be an object`, `${at}/update`);
    merge(target, update, location, `${at}/update`, log);
  } else {
    fail(
      `the target selects ${describe(target)} (${where}); an update applies to objects and lists: target the object that holds it and update that property`,
      `${at}/target`,
    );
  }
}

/** Merges `update` (at `at` in the overlay) into `target` (at `path` in the document), logging every value written. */
function merge(target: Record<string, unknown>, update: Record<string, unknown>, path: (string | number)[], at: string, log: WriteLog): void {
  for (const key of Object.keys(update)) {
    const incoming = update[key];
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    const below = `${at}${pointer(key)}`;
    if (isObject(existing) && isObject(incoming)) merge(existing, incoming, [...path, key], below, log);
    else if (Array.isArray(existing) && Array.isArray(incoming)) append(existing, incoming, [...path, key], below, log);
    else {
      log.wrote([...path, key], below);
      setOwn(target, key, clone(incoming));
    }
  }
}

function append(target: unknown[], entries: unknown[], path: (string | number)[], at: string, log: WriteLog): void {
  entries.forEach((entry, i) => {
    log.wrote([...path, target.length], `${at}/${i}`);
    target.push(clone(entry));
  });
}

/** A deep copy, so one update applied to several nodes leaves them independent (and the overlay untouched). */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, clone(value[key]));
  return copy;
}

function countNodes(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (Array.isArray(node)) stack.push(...(node as unknown[]));
    else if (isObject(node)) for (const key of Object.keys(node)) stack.push(node[key]);
  }
  return count;
}

/**
 * Removes every matched node. Parents are all found before anything is removed, and list entries are
 * removed from the highest index down, so one removal never shifts the place of the next.
 */
function removeAll(document: Record<string, unknown>, nodes: { location: (string | number)[] }[], rootSelected: () => never): void {
  const fromLists = new Map<unknown[], Set<number>>();
  const fromObjects: [Record<string, unknown>, string][] = [];
  for (const { location } of nodes) {
    if (location.length === 0) rootSelected();
    let parent: unknown = document;
    for (const key of location.slice(0, -1)) parent = (parent as Container)[key as never];
    const key = location[location.length - 1];
    if (Array.isArray(parent) && typeof key === 'number') {
      const indexes = fromLists.get(parent) ?? new Set<number>();
      indexes.add(key);
      fromLists.set(parent, indexes);
    } else if (isObject(parent) && typeof key === 'string') fromObjects.push([parent, key]);
  }
  for (const [parent, key] of fromObjects) Reflect.deleteProperty(parent, key);
  for (const [list, indexes] of fromLists) for (const index of [...indexes].sort((a, b) => b - a)) list.splice(index, 1);
}
