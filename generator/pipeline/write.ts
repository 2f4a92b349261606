/**
 * Write: all files or none. The package is rendered into a sibling staging directory and swapped in
 * file by file (swap.ts) only after every file is written; a lock (lock.ts) keeps two runs from
 * writing one package at once. Only tokenkit's own files are replaced or removed (out-dir.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WriteFailedError } from '../errors.js';
import type { Drift } from './drift.js';
import { crashPoint } from './crash-point.js';
import { PackageLock } from './lock.js';
import { gitBlobId } from './blob-id.js';
import { hasConflictMarkers, listStore, reconcile, stageStore, type MergeReport } from './merge.js';
import { assertMayWrite, MANIFEST, manifestIds, readManifest, resolveOutDir, type ManifestRead } from './out-dir.js';
import { recoverSwap, removeLeftovers, swapIn } from './swap.js';

export { MANIFEST, readManifest, type ManifestRead } from './out-dir.js';
export type { MergeReport } from './merge.js';

/** Files written at once. */
const WRITE_BATCH = 64;

/** sha256 of a string, hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    (err: unknown) => {
      const { code } = err as NodeJS.ErrnoException;
      if (code === 'ENOENT' || code === 'EISDIR') return false;
      throw err;
    },
  );
}

/**
 * Compares rendered files with the directory; nothing is written. Files tokenkit did not write (not
 * in the manifest on disk) are the user's, which generation keeps, so they are no drift. A file
 * that differs is edited when the manifest says tokenkit wrote what it would write now, and the
 * bytes on disk are the user's; otherwise it is stale. `manifest` is the package's manifest when the
 * caller has read it already.
 */
export async function checkPackage(outDir: string, files: ReadonlyMap<string, string>, manifest?: ManifestRead): Promise<Drift> {
  const drift: Drift = { missing: [], stale: [], edited: [], conflicted: [], stray: [] };
  const recorded = manifestIds(manifest ?? (await readManifest(outDir))) ?? new Map<string, string>();
  const entries = [...files];
  for (let i = 0; i < entries.length; i += WRITE_BATCH) {
    const batch = entries.slice(i, i + WRITE_BATCH);
    const contents = await Promise.all(
      batch.map(([rel]) =>
        readFile(path.join(outDir, rel), 'utf8').catch((err: unknown) => {
          const { code } = err as NodeJS.ErrnoException;
          if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
          throw err;
        }),
      ),
    );
    batch.forEach(([rel, content], j) => {
      const onDisk = contents[j];
      if (onDisk === undefined) drift.missing.push(rel);
      else if (onDisk === content) return;
      else if (rel === MANIFEST || recorded.get(rel) !== gitBlobId(content)) drift.stale.push(rel);
      else if (hasConflictMarkers(onDisk)) drift.conflicted.push(rel);
      else drift.edited.push(rel);
    });
  }
  for (const rel of [...recorded.keys()].sort()) {
    if (!files.has(rel) && (await exists(path.join(outDir, rel)))) drift.stray.push(rel);
  }
  return drift;
}

/** How a package is written. */
export interface WriteOptions {
  /**
   * Write into a directory tokenkit does not own, replacing files of the package's names; in a
   * package of tokenkit's, discard the user's edits to generated files.
   */
  force?: boolean;
  /** For tests that must prove a failed write loses nothing: called after each staged file. */
  afterFile?: (rel: string) => void | Promise<void>;
}

/**
 * Replaces tokenkit's files in `outDir` with exactly `files`, merging the user's edits into them;
 * nothing else there is touched.
 */
export async function writePackage(outDir: string, files: ReadonlyMap<string, string>, options: WriteOptions = {}): Promise<MergeReport> {
  const writer = await PackageWriter.open(outDir, options);
  writer.add(files);
  return writer.commit();
}

/** A batch this large or larger is written by a worker thread (see PackageWriter). */
const WORKER_BATCH_BYTES = 4 * 1024 * 1024;

/** The writer thread: the bundled worker, or from the TypeScript sources (the tests) the source through tsx. */
function startWriter(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./write-worker.js', import.meta.url));
  const source = new URL('./write-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * A package written in batches as the pipeline produces them, then swapped in whole. The generator
 * hands over most files before it makes the types, the longest stage; on a large package a worker
 * thread writes them meanwhile on the other core, so the writing costs little wall time.
 */
export class PackageWriter {
  /** The package's manifest as it was when the lock was taken: what the previous generation recorded. */
  readonly manifest: ManifestRead;
  readonly #outDir: string;
  readonly #staging: string;
  readonly #retired: string;
  readonly #lock: PackageLock;
  readonly #previous: ReadonlyMap<string, string> | undefined;
  /** The base store's files on disk (see merge.ts), replaced or removed by this write. */
  readonly #store: readonly string[];
  readonly #options: WriteOptions;
  readonly #staged: string[] = [];
  /** Git blob id of each staged file: a file whose bytes did not change stays as it is, an edited one is merged. */
  readonly #ids = new Map<string, string>();
  #pending: Promise<unknown> = Promise.resolve();
  #worker: Worker | undefined;
  #replies = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  #nextId = 0;

  private constructor(outDir: string, lock: PackageLock, manifest: ManifestRead, store: readonly string[], options: WriteOptions) {
    const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const previous = manifestIds(manifest);
    this.manifest = manifest;
    this.#outDir = outDir;
    this.#staging = `${outDir}.tmp-${suffix}`;
    this.#retired = `${outDir}.old-${suffix}`;
    this.#lock = lock;
    this.#previous = previous;
    this.#store = store;
    this.#options = options;
  }

  /**
   * Takes the package's lock; throws {@link LockedError} while another run holds it, and
   * {@link OutputDirError} for a directory tokenkit may not write to, before touching anything. A swap
   * a killed run left half done is rolled back first, so what the caller then reads is whole.
   */
  static async open(outDir: string, options: WriteOptions = {}): Promise<PackageWriter> {
    const force = options.force ?? false;
    try {
      const dir = await resolveOutDir(outDir);
      const unlocked = await readManifest(dir);
      await assertMayWrite(dir, force, unlocked);
      await mkdir(path.dirname(dir), { recursive: true });
      const lock = await PackageLock.acquire(dir);
      try {
        await recoverSwap(dir);
        await removeLeftovers(dir);
        // Read again under the lock (parsed again only if its bytes changed meanwhile), and checked
        // again: the rolled-back directory may not be tokenkit's.
        const manifest = await readManifest(dir, unlocked);
        await assertMayWrite(dir, force, manifest);
        return new PackageWriter(dir, lock, manifest, manifestIds(manifest) === undefined ? [] : await listStore(dir), options);
      } catch (err) {
        await lock.release();
        throw err;
      }
    } catch (err) {
      throw asWriteFailure(outDir, err);
    }
  }

  /**
   * Queues files for the staging directory; a failure surfaces at {@link commit}. A large batch the
   * caller has more work to do after (`background`) goes to a worker thread, which ends as soon as
   * it has written it, so its copy of the files is gone before the caller's own peak. `ids` holds
   * the git blob ids of those files the caller has hashed already.
   */
  add(files: ReadonlyMap<string, string>, { background = false, ids }: { background?: boolean; ids?: ReadonlyMap<string, string> } = {}): void {
    const entries = [...files];
    let bytes = 0;
    for (const [rel, content] of entries) {
      bytes += content.length;
      this.#staged.push(rel);
      this.#ids.set(rel, ids?.get(rel) ?? gitBlobId(content));
    }
    const inWorker = background && this.#options.afterFile === undefined && bytes >= WORKER_BATCH_BYTES;
    const written = inWorker ? this.#writeInWorker(entries) : this.#pending.then(() => this.#writeHere(entries));
    this.#pending = Promise.all([this.#pending, written]);
    // Seen at commit; until then a failure is not unhandled.
    this.#pending.catch(() => undefined);
  }

  /**
   * Waits for every batch, merges the user's edits (merge.ts), then swaps the staged files in; on
   * any failure the package stays as it was. Files tokenkit did not write stay in any case.
   */
  async commit(): Promise<MergeReport> {
    try {
      await this.#pending;
      await this.#stopWorker();
      crashPoint('staged');
      // A file whose bytes did not change keeps its inode and modification time: watchers and
      // build tools see no change when the spec did not change.
      const force = this.#options.force ?? false;
      const result = await reconcile({ outDir: this.#outDir, staging: this.#staging, ids: this.#ids, previous: this.#previous, force });
      const unchanged = new Set(result.unchanged);
      // An edited file the package no longer has is the user's now: not in the set of files to remove.
      const orphaned = new Set(result.orphaned);
      const store = await stageStore(this.#staging, result.store);
      await swapIn({
        outDir: this.#outDir,
        staging: this.#staging,
        retired: this.#retired,
        files: [...[...new Set(this.#staged)].filter((rel) => !unchanged.has(rel)), ...store],
        unchanged: [...unchanged],
        previous:
          this.#previous === undefined ? undefined : new Set([MANIFEST, ...[...this.#previous.keys()].filter((rel) => !orphaned.has(rel)), ...this.#store]),
        force,
      });
      const { merged, conflicted, kept } = result;
      return { merged, conflicted, kept, orphaned: result.orphaned };
    } catch (err) {
      await this.abort();
      throw asWriteFailure(this.#outDir, err);
    } finally {
      await this.#lock.release();
    }
  }

  /** Drops everything written so far and releases the lock. */
  async abort(): Promise<void> {
    await this.#pending.catch(() => undefined);
    await this.#stopWorker();
    await rm(this.#staging, { recursive: true, force: true });
    await this.#lock.release();
  }

  // Directories first, then the files in parallel batches: a package has up to a thousand files, and
  // writing them one at a time leaves the process idle on the disk.
  async #writeHere(entries: [string, string][]): Promise<void> {
    for (const dir of new Set(entries.map(([rel]) => path.dirname(path.join(this.#staging, rel))))) await mkdir(dir, { recursive: true });
    for (let i = 0; i < entries.length; i += WRITE_BATCH) {
      await Promise.all(
        entries.slice(i, i + WRITE_BATCH).map(async ([rel, content]) => {
          await writeFile(path.join(this.#staging, rel), content);
          await this.#options.afterFile?.(rel);
        }),
      );
    }
  }

  #writeInWorker(entries: [string, string][]): Promise<void> {
    if (this.#worker === undefined) {
      this.#worker = startWriter();
      this.#worker.on('message', ({ id, error, code, syscall, path: file }: WriteReply) => {
        const reply = this.#replies.get(id);
        this.#replies.delete(id);
        if (this.#replies.size === 0) void this.#stopWorker();
        if (error === undefined) reply?.resolve();
        else reply?.reject(Object.assign(new Error(error), { code, syscall, path: file }));
      });
      this.#worker.on('error', (err) => this.#failAll(err));
      this.#worker.on('exit', () => this.#failAll(new Error('the file writer stopped before it finished')));
    }
    const id = this.#nextId++;
    const done = new Promise<void>((resolve, reject) => this.#replies.set(id, { resolve, reject }));
    const request: WriteRequest = { id, dir: this.#staging, files: entries };
    this.#worker.postMessage(request);
    return done;
  }

  #failAll(err: Error): void {
    for (const reply of this.#replies.values()) reply.reject(err);
    this.#replies.clear();
  }

  async #stopWorker(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

/** An error of the operating system, told as a write that failed and left `outDir` as it was. */
function asWriteFailure(outDir: string, err: unknown): unknown {
  if (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code!)) {
    return new WriteFailedError(outDir, err);
  }
  return err;
}

/** A batch for the writer thread: files relative to `dir`. */
export interface WriteRequest {
  id: number;
  dir: string;
  files: [string, string][];
}

/** The writer thread's answer to one batch: a failure's message, errno code, call and path, as fs gives them. */
export interface WriteReply {
  id: number;
  error?: string;
  code?: string;
  syscall?: string;
  path?: string;
}
