/**
 * Drift: how a package on disk differs from what generation would write now. A leaf module, so
 * the error that carries it (errors.ts) and the writer that finds it (write.ts) both read it here.
 */

/** Differences between a rendered package and what is on disk. */
export interface Drift {
  missing: string[];
  /** Files whose bytes are not what this generation would write, and not a hand edit of it either. */
  stale: string[];
  /** Files the user edited on top of the output generation would write now: kept, merged by the next one. */
  edited: string[];
  /** Edited files still holding the conflict markers a merge wrote. */
  conflicted: string[];
  /** Files the package on disk lists as tokenkit's that it no longer has: the next generation removes them. */
  stray: string[];
}

/** Whether drift calls for regeneration (or a resolved conflict): everything but hand edits does. */
export function isStale(drift: Drift): boolean {
  return drift.missing.length + drift.stale.length + drift.conflicted.length + drift.stray.length > 0;
}
