/**
 * The previous release of a package, as its manifest on disk records it: the base every generation
 * counts its version from (release.ts). Manifests of older tokenkit versions are read too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelSnapshot } from '../model/snapshot.js';
import { outputDigest, type ManifestOverlay, type PreviousRelease, type ReleasedBaseline } from './release.js';
import { readManifest, sha256, type ManifestRead } from './write.js';

/**
 * What the package on disk records, if it is a package tokenkit generated. `read` is its manifest
 * when the caller has read it already (the writer does, under the package's lock).
 */
export async function readPrevious(outDir: string, read?: ManifestRead): Promise<PreviousRelease | undefined> {
  const { value } = read ?? (await readManifest(outDir));
  if (typeof value !== 'object' || value === null) return undefined;
  const manifest = value as {
    version?: unknown;
    specSha256?: unknown;
    model?: unknown;
    overlays?: unknown;
    generatorVersion?: unknown;
    released?: unknown;
    files?: unknown;
  };
  if (typeof manifest.version !== 'string' || typeof manifest.specSha256 !== 'string' || typeof manifest.model !== 'object' || manifest.model === null)
    return undefined;
  const model = manifest.model as ModelSnapshot;
  const changelog = await readFile(path.join(outDir, 'CHANGELOG.md'), 'utf8').catch(() => undefined);
  const overlays = overlayList(manifest.overlays);
  const current = { version: manifest.version, specSha256: manifest.specSha256, overlays, model, changelog };
  const files = typeof manifest.files === 'object' && manifest.files !== null ? new Map(Object.entries(manifest.files as Record<string, string>)) : undefined;
  return { ...current, released: readReleased(manifest.released, { ...manifest, overlays, files }, model) };
}

/**
 * The manifest's last release. A manifest of an older tokenkit has none: what it records was
 * treated as released then, and is now.
 */
function readReleased(
  released: unknown,
  manifest: {
    version?: unknown;
    specSha256?: unknown;
    generatorVersion?: unknown;
    overlays: ManifestOverlay[] | undefined;
    files: Map<string, string> | undefined;
  },
  model: ModelSnapshot,
): ReleasedBaseline | null {
  if (released === null) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (typeof released !== 'object') {
    return {
      version: String(manifest.version),
      specSha256: String(manifest.specSha256),
      overlays: manifest.overlays,
      documentSha256: model.documentSha256,
      generatorVersion: text(manifest.generatorVersion) ?? '',
      // Its files' sha256 hashes: a new tokenkit whose output differs is seen as an upgrade.
      ...(manifest.files === undefined ? {} : { outputSha256: outputDigest(manifest.files, sha256), outputIds: 'sha256' as const }),
      model,
    };
  }
  const r = released as Record<string, unknown>;
  const version = text(r.version);
  const specSha256 = text(r.specSha256);
  if (version === undefined || specSha256 === undefined) return null;
  return {
    version,
    specSha256,
    overlays: overlayList(r.overlays),
    documentSha256: text(r.documentSha256),
    generatorVersion: text(r.generatorVersion) ?? '',
    outputSha256: text(r.outputSha256),
    outputIds: r.outputIds === 'sha256' ? 'sha256' : undefined,
    model: typeof r.model === 'object' && r.model !== null ? (r.model as ModelSnapshot) : model,
  };
}

/** The overlays a manifest lists, when it lists any. */
function overlayList(overlays: unknown): ManifestOverlay[] | undefined {
  return Array.isArray(overlays) ? (overlays as ManifestOverlay[]) : undefined;
}
