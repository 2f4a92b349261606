/** `tokenkit build`: compile every generated package to dist/ (ESM, declarations, source maps). */
import { execFile } from 'node:child_process';
import { realpath, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { listTargets, runtimeTarget, type RuntimeTarget, type Target } from './targets.js';
import { BuildError } from '../errors.js';
import { UsageError } from '../usage-error.js';
import { printLine } from '../output.js';

const run = promisify(execFile);
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Builds one package directory with tokenkit's own TypeScript. */
export async function buildPackage(dir: string): Promise<void> {
  await rm(path.join(dir, 'dist'), { recursive: true, force: true });
  try {
    await run(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new BuildError(dir, `${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/**
 * Refuses to build a package on the shared runtime that would compile against another copy of it
 * than the project's (or none): its imports of the runtime resolve through node_modules, which the
 * project's npm workspaces link to generated/runtime.
 */
export async function assertRuntimeLinked(root: string, runtime: RuntimeTarget, from: Target): Promise<void> {
  const how = `add "workspaces": ["generated/*"] to ${path.join(root, 'package.json')} and run \`npm install\`, which links it there`;
  let found: string;
  try {
    found = await realpath(path.dirname(createRequire(path.join(from.outDir, 'package.json')).resolve(`${runtime.packageName}/package.json`)));
  } catch {
    throw new UsageError(`${from.name} imports the shared runtime ${runtime.packageName}, which node_modules does not hold; ${how}`);
  }
  const own = await realpath(runtime.outDir);
  if (found !== own) throw new UsageError(`${from.name} would compile against the ${runtime.packageName} in ${found}, not the project's ${own}; ${how}`);
}

/** Builds every target (default: all of generated/, the shared runtime package first when the project has one). */
export async function build(options: { root?: string; targets?: Target[]; log?: (line: string) => void } = {}): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? printLine;
  const targets = options.targets ?? (await listTargets(root));
  const runtime = targets.some((t) => t.runtimePackage !== undefined) ? await runtimeTarget(root) : undefined;
  if (runtime) {
    for (const target of targets) if (target.runtimePackage !== undefined) await assertRuntimeLinked(root, runtime, target);
    const started = performance.now();
    await buildPackage(runtime.outDir);
    log(`built ${path.relative(root, runtime.outDir)}  ${Math.round(performance.now() - started)} ms`);
  }
  for (const target of targets) {
    const started = performance.now();
    await buildPackage(target.outDir);
    log(`built ${path.relative(root, target.outDir) || '.'}  ${Math.round(performance.now() - started)} ms`);
  }
}
