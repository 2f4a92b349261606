/**
 * `tokenkit version PACKAGE patch|minor|major`: cut a new version of a generated package without a
 * spec change (a fix to publish again, a release of runtime changes). The bump and its CHANGELOG entry
 * are recorded where generation keeps them, in the manifest, so the package stays fresh: a later
 * `generate --check` and `publish` agree with it, and the next spec change bumps from there.
 */
import { applyBump } from '../diff/semver.js';
import { prependEntry } from '../diff/changelog.js';
import { writePackage } from '../pipeline/write.js';
import { UsageError } from '../usage-error.js';
import { listTargets, readPrevious, renderTarget, type Target } from './generate.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

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

/** Bumps one package's version, writes its CHANGELOG entry and regenerates it; returns the new version. */
export async function cutVersion(options: VersionOptions): Promise<string> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const target = await findTarget(root, options.package);
  const previous = await readPrevious(target.outDir);
  if (!previous) throw new UsageError(`${path.relative(root, target.outDir)} has no manifest yet; run \`npm run generate\` first`);
  const version = applyBump(previous.version, options.bump);
  const entry = `## ${version}\n\nA ${options.bump} release cut with \`tokenkit version\`; the spec is unchanged.\n`;
  // Rendered as a regeneration with an unchanged spec, which keeps the version and changelog it is given.
  const pkg = await renderTarget(root, target, { previous: { ...previous, version, changelog: prependEntry(previous.changelog, entry) } });
  if (pkg.release.version !== version)
    throw new UsageError(`the spec of ${target.name} changed since it was generated: run \`npm run generate\` first, which versions that change`);
  await writePackage(target.outDir, pkg.files);
  log(`${pkg.packageName}  ${previous.version} → ${version}`);
  return version;
}
