/** `tokenkit build`: compile every generated package to dist/ (ESM, declarations, source maps). */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { listTargets, type Target } from './targets.js';
import { BuildError } from '../errors.js';

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

/** Builds every target (default: all of generated/). */
export async function build(options: { root?: string; targets?: Target[]; log?: (line: string) => void } = {}): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const target of options.targets ?? (await listTargets(root))) {
    const started = performance.now();
    await buildPackage(target.outDir);
    log(`built ${path.relative(root, target.outDir) || '.'}  ${Math.round(performance.now() - started)} ms`);
  }
}
