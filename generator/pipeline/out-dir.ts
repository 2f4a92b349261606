/**
 * The output directory: where a package goes once symbolic links are followed, and whether tokenkit
 * may write there. tokenkit owns a directory that holds its manifest; it writes into an empty or new
 * one, and into anything else only when forced. Of a package it owns, it replaces or removes only
 * the files its manifest lists.
 */
import { lstat, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { OutputDirError } from '../errors.js';

/** The manifest file name. */
export const MANIFEST = '.tokenkit.json';

/** The journal of a swap in progress, beside the package (see swap.ts). */
export function journalPath(outDir: string): string {
  return `${outDir}.journal`;
}

/**
 * Whether `rel` is a plain relative path inside a package: no `..`, `.` or empty parts, not
 * absolute. A manifest is read from disk and may have been tampered with; none of its names may
 * reach outside the package.
 */
export function isPackagePath(rel: string): boolean {
  return rel !== '' && !rel.includes('\\') && !rel.includes('\0') && rel.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * The directory a package is written to: `outDir` resolved, through a symbolic link when it is one
 * (the package is written into the link's target). Refuses a file, a link to nothing and the root of
 * the file system.
 */
export async function resolveOutDir(outDir: string): Promise<string> {
  const given = path.resolve(outDir);
  let real = given;
  try {
    real = await realpath(given);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const link = await lstat(given).catch(() => undefined);
    if (link?.isSymbolicLink()) {
      throw new OutputDirError(
        `${given} is a symbolic link to ${await readlink(given)}, which does not exist; nothing was changed`,
        'Create the directory it points to, or choose another output directory.',
      );
    }
  }
  if (path.parse(real).root === real) {
    throw new OutputDirError(
      `refusing to write a package into the root of the file system (${real}); nothing was changed`,
      'Name a directory for the package, e.g. --out ./my-api.',
    );
  }
  const st = await stat(real).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  });
  if (st && !st.isDirectory()) {
    throw new OutputDirError(
      `${given} is a file, not a directory; nothing was changed`,
      'Name a new or empty directory for the package (a missing one is created).',
    );
  }
  return real;
}

/**
 * A package's manifest as read from disk: its text, and the value the text parses to; both undefined
 * when there is no readable manifest, `value` undefined when it is not JSON.
 */
export interface ManifestRead {
  text?: string;
  value?: unknown;
}

/**
 * Reads the manifest in `outDir`. On a large spec it is megabytes of JSON (mostly the model
 * snapshot) that several steps of one run need: `known`, an earlier read of the same file, is reused
 * when the bytes are still the same, so the file is parsed once however often it is read.
 */
export async function readManifest(outDir: string, known?: ManifestRead): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, MANIFEST), 'utf8');
  } catch {
    return {};
  }
  if (known?.text === text) return known;
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

/**
 * The files the package in `outDir` lists in its manifest, the manifest itself included: what an
 * earlier run of tokenkit wrote there. Undefined when there is no tokenkit manifest.
 */
export async function readManifestFiles(outDir: string, manifest?: ManifestRead): Promise<Set<string> | undefined> {
  const ids = manifestIds(manifest ?? (await readManifest(outDir)));
  return ids === undefined ? undefined : new Set([MANIFEST, ...ids.keys()]);
}

/**
 * Each file the manifest lists, with the id it records for it: the git blob id of what tokenkit
 * wrote (a manifest of an older tokenkit records sha256 hashes, which name no blob). Undefined when
 * there is no tokenkit manifest.
 */
export async function readManifestIds(outDir: string): Promise<Map<string, string> | undefined> {
  return manifestIds(await readManifest(outDir));
}

/** The files a manifest read from disk lists, with their ids (see {@link readManifestIds}). */
export function manifestIds({ value: manifest }: ManifestRead): Map<string, string> | undefined {
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const { generator, files } = manifest as { generator?: unknown; files?: unknown };
  if (generator !== 'tokenkit' || typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  return new Map(
    Object.entries(files as Record<string, unknown>).flatMap(([rel, id]) => (isPackagePath(rel) ? [[rel, typeof id === 'string' ? id : '']] : [])),
  );
}

/**
 * Refuses, before anything is touched, a non-empty directory tokenkit does not own, unless `force`.
 * A directory with a swap journal beside it is tokenkit's: an interrupted run is put right first.
 * `manifest` is the directory's manifest when the caller has just read it.
 */
export async function assertMayWrite(outDir: string, force: boolean, manifest?: ManifestRead): Promise<void> {
  if (force) return;
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (entries.length === 0 || (await readManifestFiles(outDir, manifest)) !== undefined) return;
  if (
    await lstat(journalPath(outDir)).then(
      () => true,
      () => false,
    )
  )
    return;
  throw new OutputDirError(
    `${outDir} is not empty and tokenkit did not write it (it has no ${MANIFEST}); nothing was changed`,
    `Choose a new or empty directory, or pass --force to write the package into it: files with the package's file names are replaced, nothing else is touched.`,
  );
}
