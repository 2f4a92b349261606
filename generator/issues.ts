/** Problems found in a spec, each located by file, JSON pointer and line. */

/** One problem in a spec. */
export interface SpecIssue {
  /** A stable code, such as `parse` or `struct`. */
  code: string;
  message: string;
  /** The spec file, as the user named it. */
  file: string;
  /** A JSON pointer into the document ('' for the whole document). */
  pointer: string;
  line?: number;
  column?: number;
}

/** How a command that ends with a {@link SpecError} has already dealt with it. */
export interface SpecErrorNotes {
  /** The command printed every issue itself (as `lint` does, beside its warnings): only the count is left to say. */
  printed?: boolean;
  /** The command would have written files and wrote none. */
  wroteNothing?: boolean;
}

/** Thrown when a spec cannot be generated from; carries every problem found. */
export class SpecError extends Error {
  readonly issues: SpecIssue[];
  readonly notes: SpecErrorNotes;
  constructor(issues: SpecIssue[], notes: SpecErrorNotes = {}) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'SpecError';
    this.issues = issues;
    this.notes = notes;
  }
}

/** `file:line:col  #/pointer  [code] message`, one line. */
export function formatIssue(issue: SpecIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const message = issue.message.replace(/\s*\n\s*/g, ' ');
  return `${where}  #${issue.pointer}  [${issue.code}] ${message}`;
}

/** Escapes one JSON pointer token (RFC 6901). */
export function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a JSON pointer (RFC 6901, `''` for the whole document) into its unescaped tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins tokens into a JSON pointer. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${pointerToken(String(t))}`).join('');
}
