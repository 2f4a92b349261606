/**
 * Hand edits survive regeneration. A generated file whose bytes on disk are not what the manifest
 * says tokenkit wrote was edited by the user; it is merged three ways: base = what tokenkit generated
 * last time, ours = the file on disk, theirs = the new output (`git merge-file`). The base is found
 * in the package's own store, `.tokenkit/base/<file>` (written for every file whose bytes on disk
 * differ from what tokenkit generated, so it travels with the committed tree), or else in git's
 * object store by the blob id the manifest records (a file committed as generated, edited since).
 *
 * Only files whose bytes differ from the manifest's id are ever looked at beyond one read and hash.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gitBlobId } from './blob-id.js';
import { MANIFEST } from './out-dir.js';
import { OutputDirError } from '../errors.js';

const run = promisify(execFile);

/** Where a package keeps what tokenkit generated for the files the user edited. */
export const BASE_STORE = '.tokenkit/base';

/** Files read at once. */
const READ_BATCH = 64;

/** What happened to the user's edits in one write. */
export interface MergeReport {
  /** Edited files merged cleanly with the new output. */
  merged: string[];
  /** Edited files written with conflict markers. */
  conflicted: string[];
  /** Edited files the new output leaves as they are (tokenkit's part of them did not change). */
  kept: string[];
  /**
   * Edited files the package no longer has (their operation or tag left the spec): left where they
   * are, as the user's own files now, rather than removed with the user's edits.
   */
  orphaned: string[];
}

/** What the writer does with each staged file once the user's edits are accounted for. */
export interface Reconciled extends MergeReport {
  /** Staged files whose bytes are already on disk (or the user's edits on an unchanged output): not moved. */
  unchanged: string[];
  /** The base store's files to install: what tokenkit generated for each file the user edited. */
  store: Map<string, Buffer>;
}

/** What to reconcile: the staged files and their ids, and what the package on disk records. */
export interface ReconcileRequest {
  outDir: string;
  staging: string;
  ids: ReadonlyMap<string, string>;
  /** The ids the manifest on disk records; undefined when tokenkit did not write the directory. */
  previous: ReadonlyMap<string, string> | undefined;
  /** Discard the user's edits. */
  force: boolean;
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  return readFile(file).catch((err: unknown) => {
    const { code } = err as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw err;
  });
}

/**
 * Compares each staged file with the file on disk and merges the user's edits into the staging
 * directory. Throws {@link OutputDirError}, before anything moved, when an edited file cannot be
 * merged (its base is not found, or git is not there).
 */
export async function reconcile(req: ReconcileRequest): Promise<Reconciled> {
  const result: Reconciled = { unchanged: [], merged: [], conflicted: [], kept: [], orphaned: [], store: new Map() };
  const edited: string[] = [];
  const entries = [...req.ids];
  for (let i = 0; i < entries.length; i += READ_BATCH) {
    await Promise.all(
      entries.slice(i, i + READ_BATCH).map(async ([rel, id]) => {
        const onDisk = await readOrUndefined(path.join(req.outDir, rel));
        if (onDisk === undefined) return;
        const diskId = gitBlobId(onDisk);
        const recorded = req.previous?.get(rel);
        if (diskId === id) result.unchanged.push(rel);
        else if (!req.force && rel !== MANIFEST && recorded !== undefined && !sameAsRecorded(recorded, diskId, onDisk)) edited.push(rel);
      }),
    );
  }
  if (!req.force) result.orphaned = await editedLeavers(req);
  const unmergeable: string[] = [];
  for (const rel of edited.sort()) {
    const baseId = req.previous?.get(rel) ?? '';
    const theirs = await readFile(path.join(req.staging, rel));
    if (sameAsRecorded(baseId, req.ids.get(rel) ?? '', theirs)) {
      // tokenkit's part did not change: the user's file stays as it is; a conflict an earlier run
      // wrote into it is one still, until the user resolves it.
      result.unchanged.push(rel);
      const resolved = !hasConflictMarkers(await readFile(path.join(req.outDir, rel), 'utf8'));
      (resolved ? result.kept : result.conflicted).push(rel);
      result.store.set(rel, theirs);
      continue;
    }
    const base = await findBase(req.outDir, rel, baseId);
    const ours = await readFile(path.join(req.outDir, rel));
    const merged = base === undefined ? undefined : await mergeFile(ours, base, theirs);
    if (merged === undefined) {
      unmergeable.push(rel);
      continue;
    }
    await writeFile(path.join(req.staging, rel), merged.text);
    (merged.conflicts ? result.conflicted : result.merged).push(rel);
    result.store.set(rel, theirs);
  }
  if (unmergeable.length > 0) {
    throw new OutputDirError(
      `${req.outDir} has files you edited that cannot be merged with the new output; nothing was changed`,
      ...unmergeable.map((rel) => `  ${rel}`),
      `The version tokenkit generated last time is in neither ${BASE_STORE}/ nor git's object store, or git is not installed.`,
      'Commit generated files before editing them (git then keeps the base), or pass --force to discard your edits.',
    );
  }
  return result;
}

/** Files the manifest lists that the new output lacks and that the user has edited since, sorted. */
async function editedLeavers(req: ReconcileRequest): Promise<string[]> {
  const leaving = [...(req.previous ?? [])].filter(([rel]) => rel !== MANIFEST && !req.ids.has(rel));
  const edited: string[] = [];
  for (let i = 0; i < leaving.length; i += READ_BATCH) {
    await Promise.all(
      leaving.slice(i, i + READ_BATCH).map(async ([rel, recorded]) => {
        const onDisk = await readOrUndefined(path.join(req.outDir, rel));
        if (onDisk !== undefined && !sameAsRecorded(recorded, gitBlobId(onDisk), onDisk)) edited.push(rel);
      }),
    );
  }
  return edited.sort();
}

/** Whether the bytes on disk are what the manifest records; a manifest of an older tokenkit records sha256 hashes. */
function sameAsRecorded(recorded: string, diskId: string, onDisk: Buffer): boolean {
  return recorded.length === 64 ? createHash('sha256').update(onDisk).digest('hex') === recorded : recorded === diskId;
}

/** What tokenkit generated last time for `rel`: from the package's store, else from git by blob id. */
export async function findBase(outDir: string, rel: string, id: string): Promise<Buffer | undefined> {
  if (!/^[0-9a-f]{40}$/.test(id)) return undefined;
  const stored = await readOrUndefined(path.join(outDir, BASE_STORE, rel));
  if (stored !== undefined && gitBlobId(stored) === id) return stored;
  try {
    const { stdout } = await run('git', ['cat-file', 'blob', id], { cwd: outDir, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 });
    return gitBlobId(stdout) === id ? stdout : undefined;
  } catch {
    // No git, no repository, or no such object.
    return undefined;
  }
}

/** A three-way merge by `git merge-file`; undefined when git cannot run it. */
async function mergeFile(ours: Buffer, base: Buffer, theirs: Buffer): Promise<{ text: Buffer; conflicts: boolean } | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-merge-'));
  try {
    const [o, b, t] = ['ours', 'base', 'theirs'].map((name) => path.join(dir, name)) as [string, string, string];
    await Promise.all([writeFile(o, ours), writeFile(b, base), writeFile(t, theirs)]);
    const args = ['merge-file', '-p', '-L', 'yours', '-L', 'generated before', '-L', 'generated now', o, b, t];
    try {
      const { stdout } = await run('git', args, { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 });
      return { text: stdout, conflicts: false };
    } catch (err) {
      // The exit code is the number of conflicts (up to 127); anything else is a failure.
      const { code, stdout } = err as { code?: unknown; stdout?: Buffer };
      if (typeof code === 'number' && code > 0 && code < 128 && stdout !== undefined) return { text: stdout, conflicts: true };
      return undefined;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the base store's files into the staging directory; returns their package paths. */
export async function stageStore(staging: string, store: ReadonlyMap<string, Buffer>): Promise<string[]> {
  const rels: string[] = [];
  for (const [rel, content] of store) {
    const storeRel = `${BASE_STORE}/${rel}`;
    await mkdir(path.dirname(path.join(staging, storeRel)), { recursive: true });
    await writeFile(path.join(staging, storeRel), content);
    rels.push(storeRel);
  }
  return rels;
}

/** The base store's files on disk: tokenkit's, replaced or removed by each write. */
export async function listStore(outDir: string): Promise<string[]> {
  const dir = path.join(outDir, BASE_STORE);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Whether a file holds conflict markers a merge wrote. */
export function hasConflictMarkers(text: string): boolean {
  return /^<{7} yours$/m.test(text) && /^>{7} generated now$/m.test(text);
}
