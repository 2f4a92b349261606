/**
 * Swapping a staged package in, file by file: only the files tokenkit writes and the files its last
 * manifest lists ever move, so a user's `dist/`, `node_modules/` and own files stay where they are.
 *
 * A journal beside the package records the swap before the first file moves:
 *   1. retiring: each file about to be replaced or removed is renamed into the retired directory;
 *   2. installing: each staged file is renamed into the package;
 *   3. the journal is deleted: that is the commit.
 * Every rename is atomic, so each old file is always whole in the package or in the retired
 * directory. A run that fails, or the next run after one that was killed, rolls back by the journal:
 * it removes what was installed and renames every retired file back.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputDirError } from '../errors.js';
import { crashPoint } from './crash-point.js';
import { isPackagePath, journalPath } from './out-dir.js';
import { isAlive } from './process-alive.js';

/** Renames at once. */
const MOVE_BATCH = 16;

/** What a swap does, as its journal records it. */
interface Journal {
  /** Retired files can be renamed back; installed files are not yet in the package (`retiring`) or may be. */
  phase: 'retiring' | 'installing';
  /** The staging and retired directories, siblings of the package. */
  staging: string;
  retired: string;
  /** The package directory did not exist before the swap. */
  created: boolean;
  /** Staged files to install. */
  install: string[];
  /** Files the previous manifest lists that this package no longer has. */
  remove: string[];
}

/** What to swap in: the staged files and what the package on disk lists as tokenkit's. */
export interface SwapRequest {
  outDir: string;
  staging: string;
  retired: string;
  files: readonly string[];
  /** Files of the package already on disk with the same bytes: kept as they are, neither moved nor removed. */
  unchanged?: readonly string[];
  /** The previous manifest's files; undefined when tokenkit did not write the directory. */
  previous: ReadonlySet<string> | undefined;
  /** Replace files of the user's that have a file name of the package. */
  force: boolean;
}

/** The entry at `file`, or undefined when there is none (ENOTDIR: a part of the path is a file). */
async function lstatOrUndefined(file: string) {
  return lstat(file).catch((err: unknown) => {
    const { code } = err as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  });
}

/**
 * Works out the swap and refuses, before anything moves, what would destroy a file that is not
 * tokenkit's: a user's file where a package file goes (unless forced), or anything but a directory
 * where the package needs one.
 */
async function planSwap(req: SwapRequest): Promise<Journal> {
  const { outDir, previous = new Set<string>() } = req;
  const install = [...req.files].sort();
  const installing = new Set([...install, ...(req.unchanged ?? [])]);
  const remove: string[] = [];
  for (const rel of [...previous].sort()) {
    if (installing.has(rel)) continue;
    // A listed file the user has since replaced with a directory is the user's now.
    const st = await lstatOrUndefined(path.join(outDir, rel));
    if (st && !st.isDirectory()) remove.push(rel);
  }
  const removing = new Set(remove);
  const seen = new Map<string, Awaited<ReturnType<typeof lstatOrUndefined>>>();
  const look = async (rel: string) => {
    if (!seen.has(rel)) seen.set(rel, await lstatOrUndefined(path.join(outDir, rel)));
    return seen.get(rel);
  };
  const theirs: string[] = [];
  const inTheWay: string[] = [];
  for (const rel of install) {
    if (!isPackagePath(rel)) throw new Error(`not a path inside the package: ${JSON.stringify(rel)}`);
    // Where a directory of the path is missing (or is a listed file about to go), so is the file.
    let exists = true;
    const parts = rel.split('/');
    for (let i = 1; i < parts.length && exists; i++) {
      const dir = parts.slice(0, i).join('/');
      const st = await look(dir);
      if (st !== undefined && !st.isDirectory() && !removing.has(dir)) inTheWay.push(dir);
      exists = st?.isDirectory() ?? false;
    }
    const st = exists ? await look(rel) : undefined;
    if (st?.isDirectory()) inTheWay.push(rel);
    else if (st && !previous.has(rel) && !req.force) theirs.push(rel);
  }
  if (inTheWay.length > 0) {
    throw new OutputDirError(
      `${outDir} has things of its own where the package needs room; nothing was changed`,
      ...[...new Set(inTheWay)].map((rel) => `  ${rel}`),
      'Move them away, then run again.',
    );
  }
  if (theirs.length > 0) {
    throw new OutputDirError(
      `${outDir} has files tokenkit did not write where the package's files go; nothing was changed`,
      ...theirs.map((rel) => `  ${rel}`),
      'Move them away, or pass --force to replace them.',
    );
  }
  const created = (await lstatOrUndefined(outDir)) === undefined;
  return { phase: 'retiring', staging: path.basename(req.staging), retired: path.basename(req.retired), created, install, remove };
}

/** Writes the journal whole: under a temporary name, then renamed over the last one. */
async function writeJournal(outDir: string, journal: Journal): Promise<void> {
  const temp = `${journalPath(outDir)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(temp, `${JSON.stringify(journal)}\n`);
  await rename(temp, journalPath(outDir));
}

/**
 * Renames `from/rel` to `to/rel` for each rel, in parallel batches, making directories as needed; a
 * missing source is skipped, so a rollback can run again after it was itself interrupted. A failed
 * rename fails the call only once every rename of its batch has settled: a rollback that started
 * while one was still in flight would miss the file it moved, and lose it with the retired directory.
 */
export async function moveAll(from: string, to: string, rels: readonly string[], point: string): Promise<void> {
  const move = async (rel: string): Promise<void> => {
    const source = path.join(from, rel);
    const target = path.join(to, rel);
    try {
      await rename(source, target);
    } catch (err) {
      // Either nothing to move (ENOTDIR: a part of the source's path is a file), or the target's
      // directory is not there yet.
      const { code } = err as NodeJS.ErrnoException;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      if ((await lstatOrUndefined(source)) === undefined) return;
      await mkdir(path.dirname(target), { recursive: true });
      await rename(source, target);
    }
  };
  for (let i = 0; i < rels.length; i += MOVE_BATCH) {
    const settled = await Promise.allSettled(rels.slice(i, i + MOVE_BATCH).map(move));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    crashPoint(point);
  }
}

/** Removes the directories holding `rels` that are left empty, deepest first, never `root` itself. */
async function pruneEmptyDirs(root: string, rels: readonly string[]): Promise<void> {
  const dirs = new Set<string>();
  for (const rel of rels) for (let dir = path.posix.dirname(rel); dir !== '.'; dir = path.posix.dirname(dir)) dirs.add(dir);
  const deepestFirst = [...dirs].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1));
  for (const dir of deepestFirst) await rmdir(path.join(root, dir)).catch(() => undefined);
}

/**
 * Swaps the staged package in. On failure the package is rolled back as it was and the error
 * rethrown; killed part-way, the next run's {@link recoverSwap} rolls it back.
 */
export async function swapIn(req: SwapRequest): Promise<void> {
  const { outDir, staging, retired } = req;
  const journal = await planSwap(req);
  crashPoint('planned');
  // A package written where there was none: the staging directory holds exactly the package, and one
  // atomic rename puts it in place, whole or not at all, so there is nothing to journal or undo.
  if (journal.created && journal.remove.length === 0 && (await renameInto(staging, outDir))) {
    crashPoint('committed');
    return;
  }
  await writeJournal(outDir, journal);
  crashPoint('journal-written');
  try {
    if (journal.created) await mkdir(outDir);
    await moveAll(outDir, retired, [...journal.install, ...journal.remove], 'retiring');
    crashPoint('retired');
    await writeJournal(outDir, { ...journal, phase: 'installing' });
    crashPoint('installing-journal-written');
    await moveAll(staging, outDir, journal.install, 'installing');
    crashPoint('installed');
  } catch (err) {
    try {
      await rollBack(outDir, await readJournal(outDir));
    } catch (rollbackErr) {
      throw new OutputDirError(
        `${outDir} is half replaced: ${(err as Error).message}, then ${(rollbackErr as Error).message}`,
        'Run tokenkit again once that is fixed: it puts the old package back first.',
      );
    }
    throw err;
  }
  await unlink(journalPath(outDir));
  crashPoint('committed');
  await pruneEmptyDirs(outDir, journal.remove);
  await rm(retired, { recursive: true, force: true });
  await rm(staging, { recursive: true, force: true });
}

/**
 * Renames the staging directory to the package's place; false when something took that place
 * meanwhile (the rename then moved nothing, and the journaled swap goes on from there).
 */
async function renameInto(staging: string, outDir: string): Promise<boolean> {
  try {
    await rename(staging, outDir);
    return true;
  } catch (err) {
    const { code } = err as NodeJS.ErrnoException;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') return false;
    throw err;
  }
}

async function readJournal(outDir: string): Promise<Journal> {
  const text = await readFile(journalPath(outDir), 'utf8');
  const journal = JSON.parse(text) as Partial<Journal>;
  const names = (list: unknown) => Array.isArray(list) && list.every((rel) => typeof rel === 'string' && isPackagePath(rel));
  const sibling = (name: unknown) => typeof name === 'string' && isPackagePath(name) && !name.includes('/');
  if (
    (journal.phase !== 'retiring' && journal.phase !== 'installing') ||
    !sibling(journal.staging) ||
    !sibling(journal.retired) ||
    typeof journal.created !== 'boolean' ||
    !names(journal.install) ||
    !names(journal.remove)
  ) {
    throw new OutputDirError(`${journalPath(outDir)} is not a journal tokenkit wrote; nothing was changed`, `Look at it and at ${outDir}, then delete it.`);
  }
  return journal as Journal;
}

/** Puts the package back as it was before the swap the journal records, then forgets the swap. */
async function rollBack(outDir: string, journal: Journal): Promise<void> {
  const parent = path.dirname(outDir);
  const retired = path.join(parent, journal.retired);
  if (journal.phase === 'installing') {
    // Everything of the package's names in the package now is new: the old files are all retired.
    await Promise.all(journal.install.map((rel) => unlink(path.join(outDir, rel)).catch(() => undefined)));
    await pruneEmptyDirs(outDir, journal.install);
    crashPoint('rollback-removed');
    // From here on there is nothing new to remove, even if this rollback is itself interrupted.
    await writeJournal(outDir, { ...journal, phase: 'retiring' });
  }
  await moveAll(retired, outDir, [...journal.install, ...journal.remove], 'restoring');
  if (journal.created) await rmdir(outDir).catch(() => undefined);
  await unlink(journalPath(outDir));
  await rm(retired, { recursive: true, force: true });
  await rm(path.join(parent, journal.staging), { recursive: true, force: true });
}

/**
 * Rolls back a swap a killed run left half done, if there is one. Call with the package's lock held,
 * before anything reads the package.
 */
export async function recoverSwap(outDir: string): Promise<boolean> {
  if ((await lstatOrUndefined(journalPath(outDir))) === undefined) return false;
  await rollBack(outDir, await readJournal(outDir));
  return true;
}

/**
 * Removes what runs that died left beside the package: staging and retired directories, temporary
 * lock and journal files, named `<package>.<kind>-<pid>-<hex>`, whose process is gone. Call after
 * {@link recoverSwap}, which may still need them.
 */
export async function removeLeftovers(outDir: string): Promise<void> {
  const base = path.basename(outDir);
  const parent = path.dirname(outDir);
  for (const name of await readdir(parent)) {
    if (!name.startsWith(`${base}.`)) continue;
    const leftover = /^\.(?:tmp|old|lock|journal)-([0-9]+)-[0-9a-f]+$/.exec(name.slice(base.length));
    if (leftover && !isAlive(Number(leftover[1]))) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}
