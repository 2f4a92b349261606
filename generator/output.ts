/**
 * The way the CLI writes text: a line at a time, each with what a terminal would act on escaped.
 * Spec strings, file names and npm's output all reach these lines; raw, an escape sequence in one
 * could clear the screen, retitle the window, hide text or fake a line, in a terminal or a CI log.
 * Output of several lines is handed over as its lines, so only tokenkit's own line breaks break.
 */
import { visibleControls } from './escape/controls.js';

/** stdout or stderr, or a stand-in in tests. */
export interface TextStream {
  write(text: string): unknown;
}

/** Writes each of `lines` as one line: a line feed inside one is shown as `\u000a`, not obeyed. */
export function writeLines(stream: TextStream, lines: readonly string[]): void {
  if (lines.length > 0) stream.write(lines.map((line) => `${visibleControls(line)}\n`).join(''));
}

/** One line on stdout. */
export function printLine(line: string): void {
  writeLines(process.stdout, [line]);
}

/** One line on stderr. */
export function printErrorLine(line: string): void {
  writeLines(process.stderr, [line]);
}

/** `value` as indented JSON, by line: JSON escapes line feeds inside strings, so each of its own ends a line. */
export function jsonLines(value: unknown): string[] {
  return JSON.stringify(value, null, 2).split('\n');
}
