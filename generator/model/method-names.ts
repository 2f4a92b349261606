/**
 * The method each operation becomes. An operationId the spec gives is camel-cased as it is (two that
 * meet are the spec's error, which validation reports). An operation without one is named from its
 * method and path, and paths that differ only in what no identifier holds (`/users` and `/users/~`)
 * would meet: such a made-up name takes the first free number instead, in document order, after
 * every name the spec gives, so a given name never moves.
 */
import { memberName } from '../escape/identifier.js';
import type { OperationEntry } from './http-methods.js';

/** One name per entry, in the entries' order. */
export function methodNames(entries: readonly OperationEntry[]): string[] {
  const given = (e: OperationEntry): boolean => typeof e.operation.operationId === 'string';
  const taken = new Set(entries.filter(given).map((e) => memberName(e.operationId).toLowerCase()));
  const made = new Set<string>();
  return entries.map((entry) => {
    const base = memberName(entry.operationId);
    if (given(entry)) return base;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()) || made.has(name.toLowerCase()); n++) name = `${base}${n}`;
    made.add(name.toLowerCase());
    return name;
  });
}
