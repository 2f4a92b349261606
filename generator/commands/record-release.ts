/**
 * Recording a release in a package's manifest: the baseline later bumps are counted from. `tokenkit
 * publish` records the version it published; `tokenkit version` the version it cut.
 */
import { GENERATOR_VERSION } from '../version.js';
import type { PreviousRelease } from '../pipeline/release.js';
import { writePackage } from '../pipeline/write.js';
import { renderTarget } from './render-target.js';
import type { Target } from './targets.js';

/**
 * Regenerates the package with its current state as the last release (`version` and `changelog`
 * as given); returns the version written. The spec must be the one the package was generated from.
 */
export async function recordRelease(root: string, target: Target, previous: PreviousRelease, version: string, changelog: string | undefined): Promise<string> {
  const released = {
    version,
    specSha256: previous.specSha256,
    overlays: previous.overlays,
    documentSha256: previous.model.documentSha256,
    generatorVersion: GENERATOR_VERSION,
    model: previous.model,
  };
  const pkg = await renderTarget(root, target, { previous: { ...previous, version, changelog, released } });
  await writePackage(target.outDir, pkg.files);
  return pkg.release.version;
}
