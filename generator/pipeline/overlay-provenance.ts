/**
 * Where the overlaid document's nodes came from. A node an overlay wrote is not in the spec file,
 * so a problem found in it (a pagination declaration naming a parameter the operation lacks, say)
 * is located in the overlay, at the `update` value that wrote it; the pointer stays the one into the
 * overlaid document.
 */
import type { Source } from '@redocly/openapi-core';
import { pointer as joinPointer, type SpecIssue } from '../issues.js';
import { locateIn } from './locate.js';

/** A node an overlay wrote into the document. */
export interface OverlayWrite {
  /** JSON pointer of the node in the overlaid document. */
  pointer: string;
  /** The overlay file, as the user named it. */
  file: string;
  source: Source;
  /** JSON pointer, in the overlay file, of the value written there. */
  at: string;
}

/** Records the writes of one overlay. */
export class WriteLog {
  readonly writes: OverlayWrite[] = [];
  constructor(
    private readonly file: string,
    private readonly source: Source,
  ) {}

  /** Notes that the value at `at` in the overlay now sits at `path` in the document. */
  wrote(path: readonly (string | number)[], at: string): void {
    this.writes.push({ pointer: joinPointer(...path), file: this.file, source: this.source, at });
  }
}

/** The write a document pointer lies in (the latest, innermost), if an overlay wrote it. */
function writeAt(writes: readonly OverlayWrite[], pointer: string): OverlayWrite | undefined {
  let found: OverlayWrite | undefined;
  for (const write of writes) {
    if (pointer !== write.pointer && !pointer.startsWith(`${write.pointer}/`)) continue;
    // A later write to the same place (or inside it) is the one that holds the value now.
    if (found === undefined || write.pointer.length >= found.pointer.length) found = write;
  }
  return found;
}

/** Moves issues in the spec file that concern nodes an overlay wrote to that overlay, at the value it wrote. */
export function relocateIssues<T extends SpecIssue>(issues: T[], specFile: string, writes: readonly OverlayWrite[]): T[] {
  if (writes.length === 0) return issues;
  return issues.map((issue) => {
    if (issue.file !== specFile) return issue;
    const write = writeAt(writes, issue.pointer);
    if (write === undefined) return issue;
    const inside = write.at + issue.pointer.slice(write.pointer.length);
    const where = locateIn(write.source, inside);
    return { ...issue, file: write.file, line: where.line ?? locateIn(write.source, write.at).line, column: where.column ?? 1 };
  });
}
