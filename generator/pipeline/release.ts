/**
 * Version: when the spec (or an overlay applied to it) changed since the package was last generated, the recorded model snapshot
 * is diffed with the new one, the version bumped by the class of the changes, and a CHANGELOG entry
 * prepended. An unchanged spec keeps its version and its changelog, byte for byte.
 */
import { changelogEntry, prependEntry } from '../diff/changelog.js';
import { classifyChanges, type Change } from '../diff/classify.js';
import { applyBump, bumpFor, type Bump } from '../diff/semver.js';
import type { ModelSnapshot } from '../model/snapshot.js';

/** What a package already on disk records. */
export interface PreviousRelease {
  version: string;
  specSha256: string;
  /** The overlays the package was generated with (absent when none). */
  overlays?: ManifestOverlay[] | undefined;
  model: ModelSnapshot;
  changelog: string | undefined;
}

/** The release this generation makes. */
export interface Release {
  version: string;
  bump: Bump;
  changes: Change[];
  changelog: string;
}

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

function sameInputs(previous: PreviousRelease, inputs: ReleaseInputs): boolean {
  return previous.specSha256 === inputs.specSha256 && JSON.stringify(previous.overlays ?? []) === JSON.stringify(inputs.overlays);
}

/** The first version of a new package. */
export const FIRST_VERSION = '0.1.0';

/** Decides the version and changelog of this generation. */
export function nextRelease(previous: PreviousRelease | undefined, inputs: ReleaseInputs, snapshot: ModelSnapshot, specPath: string): Release {
  if (!previous) {
    return { version: FIRST_VERSION, bump: 'none', changes: [], changelog: prependEntry(undefined, changelogEntry(FIRST_VERSION, [], specPath)) };
  }
  const changelog = previous.changelog ?? prependEntry(undefined, changelogEntry(previous.version, [], specPath));
  // An overlay is part of the input: changing only the overlay versions the package like a spec change.
  if (sameInputs(previous, inputs)) return { version: previous.version, bump: 'none', changes: [], changelog };
  // Only comments or layout changed: the same document, the same output, no new version.
  if (previous.model.documentSha256 !== undefined && previous.model.documentSha256 === snapshot.documentSha256)
    return { version: previous.version, bump: 'none', changes: [], changelog };
  const changes = classifyChanges(previous.model, snapshot);
  // A manifest of an older version records no document hash: a changed file is then at least a patch.
  const bump = changes.length === 0 ? 'patch' : bumpFor(changes);
  const version = applyBump(previous.version, bump);
  return { version, bump, changes, changelog: prependEntry(changelog, changelogEntry(version, changes, specPath)) };
}
