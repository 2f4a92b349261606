/** Locating a JSON pointer in the file it came from, for the line and column of a problem. */
import path from 'node:path';
import { getLineColLocation, type Source } from '@redocly/openapi-core';

/** Line and column of a pointer in a Redocly source, when the pointer exists there. */
export function locateIn(source: Source, pointer: string, reportOnKey = false): { line?: number; column?: number } {
  try {
    const { start } = getLineColLocation({ source, pointer: `#${pointer}`, reportOnKey });
    return { line: start.line, column: start.col };
  } catch {
    return {};
  }
}

/** A file a problem is in, as messages name it: relative to the working directory; a URL as it is. */
export function shownFile(absoluteRef: string): string {
  return /^https?:/i.test(absoluteRef) ? absoluteRef : path.relative(process.cwd(), absoluteRef);
}
