/** The packages the commands work on: each spec in specs/, or one spec named on the command line. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { packageDirName } from '../model/build-api.js';
import { isOverlayFile } from '../pipeline/overlay-files.js';
import { MANIFEST } from '../pipeline/out-dir.js';
import { UsageError } from '../usage-error.js';
import { NotReadyError } from '../errors.js';
import { readProjectConfig } from './project-config.js';

/** The directory under generated/ the project's shared runtime package is written to. */
export const RUNTIME_DIR_NAME = 'runtime';

/** One package to generate. */
export interface Target {
  specFile: string;
  outDir: string;
  name: string;
  packageName?: string;
  /** The shared runtime package it imports its runtime from; undefined when it carries a copy. */
  runtimePackage?: string;
}

/** The project's shared runtime package: its npm name, and where it is generated (generated/runtime). */
export interface RuntimeTarget {
  packageName: string;
  outDir: string;
}

/** Whether a file name is a spec's: YAML or JSON, and not an overlay, which is part of the spec beside it. */
function isSpecName(file: string): boolean {
  return /\.(ya?ml|json)$/i.test(file) && !isOverlayFile(file);
}

/** The targets: each spec in specs/ → generated/<spec name>, on the project's shared runtime when it has one. */
export async function listTargets(root: string): Promise<Target[]> {
  const specsDir = path.join(root, 'specs');
  let entries: string[];
  try {
    entries = await readdir(specsDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    // Not a project: say what one is, and how to generate without one.
    throw new NotReadyError(
      `${root} has no specs/ directory: generate, build, publish and version work on a project (specs/<name>.yaml → generated/<name>)`,
      "Run them in the project's directory, or generate one spec with `tokenkit generate --spec FILE --out DIR`.",
    );
  }
  const names = entries.filter(isSpecName).sort();
  const { runtimePackage } = await readProjectConfig(root);
  return names.map((f) => {
    const name = packageDirName(f);
    if (runtimePackage !== undefined && name === RUNTIME_DIR_NAME) throw runtimeDirTaken(root, path.join(specsDir, f));
    return { specFile: path.join(specsDir, f), outDir: path.join(root, 'generated', name), name, ...(runtimePackage === undefined ? {} : { runtimePackage }) };
  });
}

/**
 * The packages under generated/ that no spec makes any more (their spec deleted or renamed): each
 * directory holding a tokenkit manifest that is neither a target's nor the shared runtime's.
 */
export async function packagesWithoutSpec(root: string, targets: readonly Target[], runtime: RuntimeTarget | undefined): Promise<string[]> {
  const generated = path.join(root, 'generated');
  const made = new Set([...targets.map((t) => t.outDir), ...(runtime ? [runtime.outDir] : [])]);
  const entries = await readdir(generated, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const dir = path.join(generated, entry.name);
    if (entry.isDirectory() && !made.has(dir) && (await stat(path.join(dir, MANIFEST)).catch(() => undefined))?.isFile()) found.push(dir);
  }
  return found.sort();
}

/** The project's shared runtime package, when its package.json names one (see project-config.ts). */
export async function runtimeTarget(root: string): Promise<RuntimeTarget | undefined> {
  const { runtimePackage } = await readProjectConfig(root);
  return runtimePackage === undefined ? undefined : { packageName: runtimePackage, outDir: path.join(root, 'generated', RUNTIME_DIR_NAME) };
}

function runtimeDirTaken(root: string, specFile: string, fix = 'rename the spec'): UsageError {
  return new UsageError(
    `${projectPath(root, specFile)} would be generated into generated/${RUNTIME_DIR_NAME}, where the project's shared runtime package goes; ${fix}`,
  );
}

/**
 * The target of `--spec FILE`, written to `out` (default generated/<name>) as the npm package
 * `packageName`. A spec of the project's own, generated to its usual place, is on the project's
 * shared runtime like the others; any other package carries its own copy of the runtime, so it
 * depends on nothing the user has not published.
 */
export async function specTarget(root: string, spec: string, out: string | undefined, packageName: string | undefined): Promise<Target> {
  const name = packageDirName(spec);
  const outDir = path.resolve(out ?? path.join(root, 'generated', name));
  const ownPlace = isListed(root, spec) && outDir === path.join(root, 'generated', name);
  // Whatever the spec and wherever it lives, no package may be written over the shared runtime.
  const intoRuntime = outDir === path.join(root, 'generated', RUNTIME_DIR_NAME);
  const { runtimePackage } = ownPlace || intoRuntime ? await readProjectConfig(root) : {};
  if (runtimePackage !== undefined && intoRuntime)
    throw runtimeDirTaken(root, path.resolve(spec), out === undefined ? 'rename the spec' : 'choose another --out');
  return { specFile: path.resolve(spec), outDir, name, packageName, ...(runtimePackage === undefined || !ownPlace ? {} : { runtimePackage }) };
}

/** Whether a spec is one of the project's targets (in specs/), which every other command handles. */
export function isListed(root: string, specFile: string): boolean {
  return path.dirname(path.resolve(specFile)) === path.join(root, 'specs') && isSpecName(specFile);
}

/** A path as the project records it: relative to `root`, with `/` separators. */
export function projectPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
