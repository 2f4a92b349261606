/** Locating a JSON pointer in the file it came from, for the line and column of a problem. */
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
