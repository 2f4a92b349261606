/**
 * The errors commands end with, apart from the commands that raise them: reporting an error must not
 * load the pipeline (and the TypeScript compiler with it) just to test `instanceof`.
 */
import type { Drift } from './pipeline/drift.js';

/**
 * An error told in several lines, kept apart: each is printed as a line of its own (see output.ts),
 * so a path or a name inside one cannot start another.
 */
export abstract class LinesError extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.lines = lines;
  }
}

/** A package that did not compile. */
export class BuildError extends LinesError {
  constructor(
    readonly packageDir: string,
    readonly output: string,
  ) {
    // The line breaks are tsc's own: spec strings reach the generated code, and so tsc, escaped.
    super([`${packageDir} did not compile:`, ...output.trimEnd().split(/\r?\n/)]);
    this.name = 'BuildError';
  }
}

/**
 * The project is not in the state a command needs (a package not generated yet, a spec changed
 * since): exit 1, with what to run; a usage error would point at the command line, which was right.
 */
export class NotReadyError extends LinesError {
  constructor(...lines: string[]) {
    super(lines);
    this.name = 'NotReadyError';
  }
}

/** Raised by --check when generated output differs from disk. */
export class DriftError extends Error {
  constructor(readonly drift: Record<string, Drift>) {
    // Conflict markers are the user's to resolve: generating again keeps them.
    const onlyConflicts = Object.values(drift).every((d) => d.missing.length + d.stale.length + d.stray.length === 0);
    super(
      onlyConflicts
        ? 'generated output has unresolved conflict markers; resolve them (or run `generate --force` to discard your edits)'
        : 'generated output is stale; run `tokenkit generate`',
    );
    this.name = 'DriftError';
  }
}

/** Edits of generated files that conflict with the new output: written with conflict markers. */
export class MergeConflicts extends LinesError {
  constructor(readonly files: string[]) {
    super([
      `${files.length} file${files.length === 1 ? '' : 's'} you edited conflict${files.length === 1 ? 's' : ''} with the new output; written with conflict markers:`,
      ...files.map((f) => `  ${f}`),
      'Resolve them (keep what you need between <<<<<<< yours and >>>>>>> generated now), then run generate again;',
      '`generate --check` and `publish` refuse the package until then. `generate --force` discards your edits instead.',
    ]);
    this.name = 'MergeConflicts';
  }
}

/** Some packages were not published; each reason is one line. */
export class PublishRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
    this.name = 'PublishRefused';
  }
}

/** Another generation is writing the same package. */
export class LockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockedError';
  }
}

/** `diff --fail-on` found changes of the class it names, or more severe ones. */
export class ChangesFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangesFound';
  }
}

/**
 * tokenkit will not write to the output directory as asked: it is not tokenkit's, or a file of the
 * user's is in the way. Each of its lines is one line of output; nothing was touched.
 */
export class OutputDirError extends LinesError {
  constructor(...lines: string[]) {
    super(lines);
    this.name = 'OutputDirError';
  }
}

/**
 * The operating system refused a write (full disk, a name too long, no permission, a read-only file
 * system): a problem to report plainly, not a bug. The package was left as it was.
 */
export class WriteFailedError extends Error {
  constructor(
    readonly outDir: string,
    override readonly cause: NodeJS.ErrnoException,
  ) {
    super(`could not write ${outDir}: ${cause.message}`);
    this.name = 'WriteFailedError';
  }
}
