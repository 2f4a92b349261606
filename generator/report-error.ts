/** How every error is told to the user, and the exit code it means: 1 for problems found, 2 for usage. */
import {
  BuildError,
  ChangesFound,
  DriftError,
  LinesError,
  LockedError,
  MergeConflicts,
  NotReadyError,
  OutputDirError,
  PublishRefused,
  WriteFailedError,
} from './errors.js';
import { formatIssue, SpecError } from './issues.js';
import { describeSystemError } from './os-error.js';
import { UsageError } from './usage-error.js';

/**
 * Prints the error, one `err` call a line (see output.ts); a bug in tokenkit itself prints its stack
 * and says so. Returns the exit code.
 */
export function reportError(error: unknown, err: (line: string) => void): number {
  if (error instanceof SpecError) {
    if (!error.notes.printed) for (const issue of error.issues) err(formatIssue(issue));
    err(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} found${error.notes.wroteNothing ? '; nothing was written' : ''}`);
    return 1;
  }
  if (error instanceof PublishRefused) {
    for (const reason of error.reasons) err(`refused  ${reason}`);
    return 1;
  }
  if (
    error instanceof BuildError ||
    error instanceof DriftError ||
    error instanceof LockedError ||
    error instanceof ChangesFound ||
    error instanceof MergeConflicts
  ) {
    for (const line of error instanceof LinesError ? error.lines : [error.message]) err(line);
    return 1;
  }
  if (error instanceof OutputDirError || error instanceof NotReadyError) {
    const [first, ...advice] = error.lines;
    err(`tokenkit: ${first ?? ''}`);
    for (const line of advice) err(line);
    return 1;
  }
  // A failure of the operating system is the user's to fix: what happened and what to do, no stack.
  const system = describeSystemError(error instanceof WriteFailedError ? error.cause : error);
  if (system) {
    err(`tokenkit: ${system.what}`);
    err(error instanceof WriteFailedError ? `${system.todo} Nothing in ${error.outDir} was changed.` : system.todo);
    return 1;
  }
  if (error instanceof UsageError || (error instanceof Error && error.name === 'YError')) {
    err(`tokenkit: ${error.message}`);
    err('Run `tokenkit --help` for usage.');
    return 2;
  }
  err('tokenkit: internal error (a bug in tokenkit; please report it with the spec that caused it)');
  for (const line of stackLines(error)) err(line);
  return 1;
}

/**
 * The error's stack, by line: its message as one line however many it spans (it may quote a spec),
 * then V8's frames, one a line.
 */
function stackLines(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}: ${error.message}`, ...frames];
}
