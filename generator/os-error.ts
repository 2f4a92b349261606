/**
 * Failures of the operating system (a full disk, a name too long for the file system, no permission)
 * told as what happened and what to do: they are the user's problem to fix, not bugs in tokenkit.
 */

/** What each errno means in plain words, and what the user can do about it. */
const SYSTEM_FAILURES: Readonly<Record<string, { what: string; todo: string }>> = {
  ENOSPC: { what: 'no space left on the device', todo: 'Free some space, then run again.' },
  EDQUOT: { what: 'the disk quota is used up', todo: 'Free some space or raise the quota, then run again.' },
  EFBIG: { what: 'a file is too large for the file system', todo: 'Write the package to another file system.' },
  ENAMETOOLONG: { what: 'a file name is too long for the file system', todo: 'Choose a shorter output path.' },
  EACCES: { what: 'permission denied', todo: 'Give yourself write access to that directory, or choose another output directory.' },
  EPERM: { what: 'operation not permitted', todo: 'Give yourself write access to that directory, or choose another output directory.' },
  EROFS: { what: 'the file system is read-only', todo: 'Choose an output directory on a writable file system.' },
  ENOTDIR: { what: 'a part of the path is a file, not a directory', todo: 'Move that file away or choose another output directory.' },
  EISDIR: { what: 'a directory is where a file should be', todo: 'Move that directory away or choose another output directory.' },
  EXDEV: {
    what: 'the directory is on another file system than its parent (a mount point)',
    todo: 'Choose a directory inside the mounted file system.',
  },
  EMFILE: { what: 'too many open files', todo: 'Raise the limit (`ulimit -n`), then run again.' },
  ENFILE: { what: 'too many open files on the system', todo: 'Close some programs, then run again.' },
  EIO: { what: 'an input/output error from the device', todo: 'Check the disk, then run again.' },
  ELOOP: { what: 'too many levels of symbolic links', todo: 'Point the path at a real directory.' },
  EBUSY: { what: 'the file or directory is busy', todo: 'Close the program using it, then run again.' },
  ENOENT: { what: 'no such file or directory', todo: 'Check the path.' },
  ENOTEMPTY: { what: 'a directory is not empty', todo: 'Move its contents away or choose another output directory.' },
};

/** An error the operating system raised, as fs calls give them. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string; dest?: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code! in SYSTEM_FAILURES;
}

/**
 * An operating-system failure told in plain words, or undefined when `error` is not one: what failed
 * and on which path, and what to do.
 */
export function describeSystemError(error: unknown): { what: string; todo: string } | undefined {
  if (!isSystemError(error)) return undefined;
  const failure = SYSTEM_FAILURES[error.code]!;
  const where = error.path === undefined ? '' : ` ${error.path}${error.dest === undefined ? '' : ` → ${error.dest}`}`;
  const call = error.syscall === undefined ? '' : `${error.syscall}${where}: `;
  return { what: `${call}${failure.what} (${error.code})`, todo: failure.todo };
}

/** Why a file could not be read, in words: `no such file or directory (ENOENT)`; `is a directory` for a directory. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return 'it is a directory, not a file (EISDIR)';
  // The file is named beside the message already: the words alone, not the call and the path.
  const failure = code === undefined ? undefined : SYSTEM_FAILURES[code];
  if (failure === undefined || code === undefined) return code ?? (error instanceof Error ? error.message : String(error));
  return `${failure.what} (${code})`;
}
