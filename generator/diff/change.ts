/**
 * One change between two model snapshots, as `diff`, the CHANGELOG and the version bump read it, and
 * how the comparers read a snapshot's records.
 */

/** How a change affects users of the generated client. */
export type ChangeClass = 'breaking' | 'non-breaking' | 'docs';

/** One change. */
export interface Change {
  class: ChangeClass;
  /** A stable rule name, such as `operation-removed`. */
  rule: string;
  /** The operationId it affects, or the model name for a model change. */
  operation?: string;
  model?: string;
  message: string;
}

/**
 * The value a snapshot record holds under `key`, only when it is the record's own: an operation,
 * model or property may be called `constructor` or `toString`, which a plain lookup would find on
 * the prototype of any record (snapshots are plain objects, read back from JSON).
 */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether two snapshot values are equal as data. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
