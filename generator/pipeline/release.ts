/**
 * Version: bumps are counted from the last release, not the last generation. The manifest keeps the
 * released baseline (version, spec and overlay hashes, generator version, a digest of the output, the
 * model snapshot); every generation recomputes the pending version from it and rewrites the pending
 * CHANGELOG entry, so five edits before a release make one bump listing all of them, and an edit
 * followed by its revert makes none. `tokenkit publish` and `tokenkit version` advance the baseline.
 */
import { changelogEntry, dropEntry, prependEntry } from '../diff/changelog.js';
import { classifyChanges, type Change } from '../diff/classify.js';
import { applyBump, bumpFor, type Bump } from '../diff/semver.js';
import type { ModelSnapshot } from '../model/snapshot.js';
import { mdCode } from '../escape/markdown.js';
import { byPath } from './file-order.js';

/** An overlay as the manifest records it: its path relative to the project and its sha256. */
export interface ManifestOverlay {
  path: string;
  sha256: string;
}

/** What a package is generated from: the spec's bytes and the overlays' bytes. */
export interface ReleaseInputs {
  specSha256: string;
  overlays: ManifestOverlay[];
}

/** The last release of a package: what the next version is counted from. */
export interface ReleasedBaseline {
  version: string;
  specSha256: string;
  /** The overlays it was generated with (absent when none). */
  overlays?: ManifestOverlay[] | undefined;
  /** The document's hash as data (see ModelSnapshot), when known. */
  documentSha256?: string | undefined;
  generatorVersion: string;
  /**
   * Digest of the released output ({@link outputDigest}); undefined when it is to be taken from
   * this generation (a release being recorded, or a manifest of an older tokenkit).
   */
  outputSha256?: string | undefined;
  /**
   * The ids the digest is over: git blob ids, or (`sha256`) the sha256 hashes a manifest of an
   * older tokenkit recorded, so an upgrade from it is seen too.
   */
  outputIds?: 'sha256' | undefined;
  model: ModelSnapshot;
}

/** What a package already on disk records. */
export interface PreviousRelease {
  /** The version the package has now: the release, or a pending version above it. */
  version: string;
  specSha256: string;
  /** The overlays the package was generated with (absent when none). */
  overlays?: ManifestOverlay[] | undefined;
  model: ModelSnapshot;
  changelog: string | undefined;
  /** The last release (a package's first generation counts as one); null when the manifest has none that can be read. */
  released: ReleasedBaseline | null;
}

/** The release this generation makes. */
export interface Release {
  version: string;
  /** The bump from the last release. */
  bump: Bump;
  /** The changes since the last release. */
  changes: Change[];
  changelog: string;
  /** The baseline to record; null when never released. */
  released: ReleasedBaseline | null;
  /** The bump is tokenkit's own: the spec is the released one, the output is not. */
  byGenerator?: boolean;
}

/** The first version of a new package. */
export const FIRST_VERSION = '0.1.0';

/** The files a release's output digest leaves out: they carry the release history itself. */
const UNDIGESTED = new Set(['CHANGELOG.md', '.tokenkit.json']);

/**
 * One hash over the output's files and their ids, leaving out the changelog and the manifest: equal
 * for two generations that would publish the same code and docs.
 */
export function outputDigest(ids: ReadonlyMap<string, string>, hash: (text: string) => string): string {
  const lines = [...ids]
    .filter(([rel]) => !UNDIGESTED.has(rel))
    .sort(byPath)
    .map(([rel, id]) => `${rel}\0${id}\n`);
  return hash(lines.join(''));
}

/**
 * Whether the spec is, as data, the one the baseline was released from. An overlay is part of the
 * input: changing only the overlay counts like a spec change, unless the document comes out the same.
 */
function sameDocument(base: ReleasedBaseline, inputs: ReleaseInputs, snapshot: ModelSnapshot): boolean {
  const sameInputs = base.specSha256 === inputs.specSha256 && JSON.stringify(base.overlays ?? []) === JSON.stringify(inputs.overlays);
  return sameInputs || (base.documentSha256 !== undefined && base.documentSha256 === snapshot.documentSha256);
}

/** The changelog as released: the file on disk without the pending entry a generation since wrote. */
function releasedChangelog(previous: PreviousRelease, specPath: string): string {
  const base = previous.released;
  const changelog = base && previous.version !== base.version ? dropEntry(previous.changelog, previous.version) : previous.changelog;
  return changelog ?? prependEntry(undefined, changelogEntry(base?.version ?? previous.version, [], specPath));
}

/** Decides the version and changelog of this generation from the last release. */
export function nextRelease(
  previous: PreviousRelease | undefined,
  inputs: ReleaseInputs,
  snapshot: ModelSnapshot,
  specPath: string,
  generatorVersion: string,
): Release {
  if (!previous) {
    // The first generation is the first baseline: later changes count from 0.1.0 as from a release.
    const changelog = prependEntry(undefined, changelogEntry(FIRST_VERSION, [], specPath));
    const { specSha256 } = inputs;
    const overlays = inputs.overlays.length > 0 ? inputs.overlays : undefined;
    const released = { version: FIRST_VERSION, specSha256, overlays, documentSha256: snapshot.documentSha256, generatorVersion, model: snapshot };
    return { version: FIRST_VERSION, bump: 'none', changes: [], changelog, released };
  }
  const base = previous.released;
  // No readable release: the version stays until one is recorded.
  if (base === null) return { version: previous.version, bump: 'none', changes: [], changelog: releasedChangelog(previous, specPath), released: null };
  const changelog = releasedChangelog(previous, specPath);
  if (sameDocument(base, inputs, snapshot)) return { version: base.version, bump: 'none', changes: [], changelog, released: base };
  const changes = classifyChanges(base.model, snapshot);
  // A change the snapshot does not see (or a baseline without a document hash) is at least a patch.
  const bump = changes.length === 0 ? 'patch' : bumpFor(changes);
  const version = applyBump(base.version, bump);
  const entry = changelogEntry(version, changes, specPath) + generatorNote(base, generatorVersion);
  return { version, bump, changes, changelog: prependEntry(changelog, entry), released: base };
}

/** A line saying which tokenkit regenerated the package, when it is not the one that made the release. */
function generatorNote(base: ReleasedBaseline, generatorVersion: string): string {
  return base.generatorVersion === generatorVersion ? '' : `\nRegenerated with tokenkit ${generatorVersion}.\n`;
}

/**
 * The release of a generation whose spec is the released one but whose output is not: tokenkit
 * itself changed (an upgrade, a template). A patch, with an entry saying so.
 */
export function regeneratedRelease(release: Release, specPath: string, generatorVersion: string): Release {
  const base = release.released;
  if (base === null || release.bump !== 'none') return release;
  const version = applyBump(base.version, 'patch');
  const entry = `## ${version}\n\nRegenerated with tokenkit ${generatorVersion}; the spec (${mdCode(specPath)}) is unchanged.\n`;
  return { ...release, version, bump: 'patch', changelog: prependEntry(release.changelog, entry), byGenerator: true };
}
