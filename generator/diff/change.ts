/** One change between two model snapshots, as `diff`, the CHANGELOG and the version bump read it. */

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

/** Whether two snapshot values are equal as data. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
