/** The packages the commands work on: each spec in specs/, or one spec named on the command line. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { packageDirName } from '../model/build-api.js';
import { isOverlayFile } from '../pipeline/overlay-files.js';

/** One package to generate. */
export interface Target {
  specFile: string;
  outDir: string;
  name: string;
  packageName?: string;
}

/** Whether a file name is a spec's: YAML or JSON, and not an overlay, which is part of the spec beside it. */
function isSpecName(file: string): boolean {
  return /\.(ya?ml|json)$/i.test(file) && !isOverlayFile(file);
}

/** The targets: each spec in specs/ → generated/<spec name>. */
export async function listTargets(root: string): Promise<Target[]> {
  const specsDir = path.join(root, 'specs');
  const names = (await readdir(specsDir)).filter(isSpecName).sort();
  return names.map((f) => ({ specFile: path.join(specsDir, f), outDir: path.join(root, 'generated', packageDirName(f)), name: packageDirName(f) }));
}

/** The target of `--spec FILE`, written to `out` (default generated/<name>) as the npm package `packageName`. */
export function specTarget(root: string, spec: string, out: string | undefined, packageName: string | undefined): Target {
  return {
    specFile: path.resolve(spec),
    outDir: path.resolve(out ?? path.join(root, 'generated', packageDirName(spec))),
    name: packageDirName(spec),
    packageName,
  };
}

/** Whether a spec is one of the project's targets (in specs/), which every other command handles. */
export function isListed(root: string, specFile: string): boolean {
  return path.dirname(path.resolve(specFile)) === path.join(root, 'specs') && isSpecName(specFile);
}

/** A path as the project records it: relative to `root`, with `/` separators. */
export function projectPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
