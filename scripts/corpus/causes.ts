/**
 * A failure's cause: the first error a tool printed, normalised so that the same defect on different
 * specs reads the same (quoted names, numbers and paths are replaced by placeholders). The corpus
 * report groups failures by it.
 */

/** Where in a generated package a compile error was found. */
export type FileArea = 'schema' | 'resources' | 'models' | 'client' | 'index' | 'runtime' | 'other';

/** One TypeScript diagnostic, as `tsc --pretty false` prints it. */
export interface Diagnostic {
  file: string;
  code: string;
  message: string;
}

const DIAGNOSTIC = /^(.+?)\(\d+,\d+\): error (TS\d+): (.*)$/;

/** The diagnostics of a `tsc --pretty false` run, first line of each message only. */
export function parseDiagnostics(output: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const line of output.split('\n')) {
    const match = DIAGNOSTIC.exec(line.trimEnd());
    if (match) found.push({ file: match[1] ?? '', code: match[2] ?? '', message: match[3] ?? '' });
    else {
      // Errors without a file (a bad option) print as `error TS5023: …`.
      const bare = /^error (TS\d+): (.*)$/.exec(line.trim());
      if (bare) found.push({ file: '', code: bare[1] ?? '', message: bare[2] ?? '' });
    }
  }
  return found;
}

/** Whether an error exists only because of `exactOptionalPropertyTypes`. */
export function isExactOptionalOnly(d: Diagnostic): boolean {
  return d.message.includes("with 'exactOptionalPropertyTypes: true'");
}

/** The part of a generated package a file belongs to. */
export function fileArea(file: string): FileArea {
  const f = file.replace(/\\/g, '/');
  if (/(^|\/)src\/runtime\//.test(f)) return 'runtime';
  if (/(^|\/)src\/resources\//.test(f)) return 'resources';
  if (/(^|\/)src\/schema\.ts$/.test(f)) return 'schema';
  if (/(^|\/)src\/models\.ts$/.test(f)) return 'models';
  if (/(^|\/)src\/client\.ts$/.test(f)) return 'client';
  if (/(^|\/)src\/index\.ts$/.test(f)) return 'index';
  return 'other';
}

/** Replaces what differs from spec to spec (quoted text, numbers) with placeholders. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

/** `TS2322 in resources: Type '…' is not assignable to type '…'.` */
export function compileCause(d: Diagnostic): string {
  return `${d.code} in ${fileArea(d.file)}: ${normalizeMessage(d.message)}`;
}

/**
 * The cause of a failed `tokenkit generate`: the code of its first spec problem (`[code] message`
 * lines), or the first line of an internal error, or how the process ended.
 */
export function generateCause(output: string, how: { timedOut: boolean; signal: string | null; code: number | null }): string {
  if (how.timedOut) return 'time limit';
  if (/heap out of memory|Allocation failed/i.test(output)) return 'memory limit';
  if (how.signal) return `killed by ${how.signal}`;
  const lines = output.split('\n');
  const problem = lines.map((l) => /\s\[([\w-]+)\]\s(.*)$/.exec(l)).find((m) => m !== null);
  if (problem) return `[${problem[1] ?? ''}] ${normalizeMessage(problem[2] ?? '')}`;
  const internal = lines.findIndex((l) => l.includes('internal error'));
  if (internal !== -1) return `internal error: ${normalizeMessage(lines[internal + 1] ?? '')}`;
  const first = lines.find((l) => l.trim() !== '' && !/^Command exited/.test(l));
  return first === undefined ? `exit code ${how.code ?? '?'}` : normalizeMessage(first);
}

/** Counts of each cause, most frequent first (ties by name, for a stable report). */
export function groupCauses(causes: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const cause of causes) counts.set(cause, (counts.get(cause) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}
