/**
 * A generated package compiled to dist/ and laid out in a fresh project's node_modules, as `npm
 * install` would leave it, so each runtime resolves it by name. It is built into the temporary
 * project, never into generated/, so tests that build the committed packages are not disturbed.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const TSC = path.join(root, 'node_modules/typescript/bin/tsc');
/** The package's runtime dependency and the one it brings, linked from this project's install. */
const RUNTIME_DEPS = ['openapi-fetch', 'openapi-typescript-helpers'];

/** A temporary project with one generated package installed. */
export interface InstalledProject {
  /** The project directory; `node_modules/<package>` is in it. */
  dir: string;
  /** The package's npm name, e.g. `@tokenkit/launchdarkly`. */
  packageName: string;
}

/** Builds `generated/<name>` with its own tsconfig into a new temporary project under `prefix`. */
export async function installBuiltPackage(name: string, prefix: string): Promise<InstalledProject> {
  const source = path.join(root, 'generated', name);
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const manifest = (await import(path.join(source, 'package.json'), { with: { type: 'json' } })) as { default: { name: string } };
  const packageName = manifest.default.name;
  const target = path.join(dir, 'node_modules', packageName);
  await mkdir(target, { recursive: true });
  await cp(path.join(source, 'package.json'), path.join(target, 'package.json'));
  try {
    await run(process.execPath, [TSC, '-p', path.join(source, 'tsconfig.json'), '--outDir', path.join(target, 'dist'), '--pretty', 'false'], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: string; message: string };
    throw new Error(`building generated/${name} failed: ${e.stdout ?? e.message}`);
  }
  for (const dep of RUNTIME_DEPS) await symlink(path.join(root, 'node_modules', dep), path.join(dir, 'node_modules', dep), 'dir');
  return { dir, packageName };
}
