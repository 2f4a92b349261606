/**
 * `tokenkit version PACKAGE patch|minor|major`: cut a new version of a generated package without a
 * spec change (a fix to publish again, a release of runtime changes). The version is recorded as the
 * package's last release, in the manifest, so the package stays fresh: a later `generate --check` and
 * `publish` agree with it, and the next spec change bumps from there. A pending version (changes since
 * the last release) is cut as it is, renamed when the bump asks for more.
 */
import { applyBump, compareVersions } from '../diff/semver.js';
import { prependEntry } from '../diff/changelog.js';
import { MANIFEST } from '../pipeline/write.js';
import { recordRelease } from './record-release.js';
import { UsageError } from '../usage-error.js';
import { NotReadyError } from '../errors.js';
import { readPrevious } from '../pipeline/previous-release.js';
import { renderTarget } from './render-target.js';
import { listTargets, type Target } from './targets.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { printLine } from '../output.js';

/** The bumps a user may cut by hand. */
export const MANUAL_BUMPS = ['patch', 'minor', 'major'] as const;

/** Options of `tokenkit version`. */
export interface VersionOptions {
  /** The package's directory name under generated/ or its npm name. */
  package: string;
  bump: (typeof MANUAL_BUMPS)[number];
  root?: string;
  log?: (line: string) => void;
}

async function findTarget(root: string, name: string): Promise<Target> {
  const targets = await listTargets(root);
  for (const target of targets) {
    if (target.name === name) return target;
    const manifest = JSON.parse(await readFile(path.join(target.outDir, 'package.json'), 'utf8').catch(() => '{}')) as { name?: unknown };
    if (manifest.name === name) return target;
  }
  throw new UsageError(`no generated package named ${name}; the packages are ${targets.map((t) => t.name).join(', ') || 'none (specs/ is empty)'}`);
}

/** Bumps one package's version, writes its CHANGELOG entry and records it as the last release; returns the new version. */
export async function cutVersion(options: VersionOptions): Promise<string> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? printLine;
  const target = await findTarget(root, options.package);
  const previous = await readPrevious(target.outDir);
  if (!previous) throw new NotReadyError(`${path.relative(root, target.outDir)} has no manifest yet; run \`tokenkit generate\` first`);
  const fresh = await renderTarget(root, target, { previous });
  if (fresh.release.version !== previous.version || fresh.files.get(MANIFEST) !== (await readFile(path.join(target.outDir, MANIFEST), 'utf8').catch(() => '')))
    throw new NotReadyError(`the spec of ${target.name} changed since it was generated: run \`tokenkit generate\` first, which versions that change`);
  const released = previous.released?.version;
  const pending = released !== undefined && released !== previous.version;
  let version: string;
  let changelog: string | undefined;
  if (pending) {
    // A pending version already lists the changes since the release: the cut renames it, at least as high.
    const bumped = applyBump(released, options.bump);
    version = compareVersions(bumped, previous.version) > 0 ? bumped : previous.version;
    changelog = previous.changelog?.replace(`\n## ${previous.version}\n`, `\n## ${version}\n`);
  } else {
    version = applyBump(previous.version, options.bump);
    const entry = `## ${version}\n\nA ${options.bump} release cut with \`tokenkit version\`; the spec is unchanged.\n`;
    changelog = prependEntry(previous.changelog, entry);
  }
  await recordRelease(root, target, previous, version, changelog);
  log(
    version === previous.version ? `${fresh.packageName}  ${version} (pending) recorded as released` : `${fresh.packageName}  ${previous.version} → ${version}`,
  );
  return version;
}
