/**
 * The project's settings for tokenkit: the `tokenkit` field of its package.json. Today one setting,
 * `runtimePackage`: the npm name of a shared runtime package the project's packages depend on,
 * instead of each carrying its own copy of the runtime (see pipeline/runtime-package.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageNameProblem } from '../package-name.js';
import { UsageError } from '../usage-error.js';

/** What the project's package.json asks of tokenkit. */
export interface ProjectConfig {
  /** The shared runtime package's npm name; undefined to copy the runtime into each package. */
  runtimePackage?: string | undefined;
}

/** Reads `<root>/package.json`'s `tokenkit` field; a project without one (or without a package.json) has none. */
export async function readProjectConfig(root: string): Promise<ProjectConfig> {
  const file = path.join(root, 'package.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not JSON (${(err as Error).message}); tokenkit reads its "tokenkit" field`);
  }
  const field = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>).tokenkit : undefined;
  if (field === undefined) return {};
  if (typeof field !== 'object' || field === null || Array.isArray(field)) throw new UsageError(`${file}: "tokenkit" must be an object`);
  const { runtimePackage, ...rest } = field as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new UsageError(`${file}: "tokenkit" has no setting ${unknown.map((k) => JSON.stringify(k)).join(', ')}; the one setting is "runtimePackage"`);
  if (runtimePackage === undefined) return {};
  if (typeof runtimePackage !== 'string') throw new UsageError(`${file}: "tokenkit.runtimePackage" must be an npm package name (a string)`);
  const problem = packageNameProblem(runtimePackage);
  if (problem !== undefined)
    throw new UsageError(`${file}: "tokenkit.runtimePackage" ${JSON.stringify(runtimePackage)} is not a valid npm package name: ${problem}`);
  return { runtimePackage };
}
