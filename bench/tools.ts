/**
 * Where everything is: the project, the bench's own install, the work directory, and the command
 * line of each tool measured. Peers are invoked as `node <their bin script>`, not through npx, so no
 * npm start-up is timed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const BENCH_DIR = import.meta.dirname;
export const ROOT = path.resolve(BENCH_DIR, '..');
/**
 * Scratch space, inside bench/node_modules so that lint, prettier and git leave it alone and so that
 * packages placed there resolve openapi-fetch from the project's node_modules, as installed ones do.
 */
export const WORK = path.join(BENCH_DIR, 'node_modules', '.bench-work');
export const NODE = process.execPath;

/** Where package lookups start: the bench's own install first, or the project's. */
type From = 'bench' | 'root';

interface PackageJson {
  version: string;
  bin?: string | Record<string, string>;
}

/**
 * The directory of an installed package, found the way Node walks node_modules upwards. (Not through
 * require.resolve: a package whose `exports` leaves out ./package.json cannot be resolved that way.)
 */
function packageDir(name: string, from: From): string {
  let dir = from === 'bench' ? BENCH_DIR : ROOT;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${name} is not installed (run \`npm run bench\`, which installs bench/package.json)`);
    dir = parent;
  }
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

function binScript(name: string, from: From, bin?: string): string {
  const dir = packageDir(name, from);
  const pkg = readPackage(dir);
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[bin ?? name.split('/').pop() ?? name];
  if (!rel) throw new Error(`${name} has no bin ${bin ?? ''}`);
  return path.join(dir, rel);
}

/** The version of an installed package, or "not installed". */
export function versionOf(name: string, where: From): string {
  try {
    return readPackage(packageDir(name, where)).version;
  } catch {
    return 'not installed';
  }
}

/** tokenkit's CLI, run as users run it. */
export const TOKENKIT_BIN = path.join(ROOT, 'bin', 'tokenkit.js');
/** The project's TypeScript (5.9), used for every build and type-check. */
export const TSC = path.join(packageDir('typescript', 'root'), 'bin', 'tsc');

/** Peer CLIs, resolved lazily so a missing one is reported rather than thrown at import time. */
export const peers = {
  openapiTypescript: (): string => binScript('openapi-typescript', 'root'),
  oazapfts: (): string => binScript('oazapfts', 'bench'),
  heyApi: (): string => binScript('@hey-api/openapi-ts', 'bench', 'openapi-ts'),
  orval: (): string => binScript('orval', 'bench'),
};

/** A command line as RESULTS.md shows it: `node`, then paths relative to the project. */
export function commandLine(args: readonly string[]): string {
  return ['node', ...args.map((a) => (path.isAbsolute(a) ? path.relative(ROOT, a) : a))].join(' ');
}

/** Writes a JSON file as prettier would, two-space indented with a final newline. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Every tool's version, for the machine description: the project's own install, then the bench's. */
export function toolVersions(): Record<string, string> {
  const root = ['openapi-typescript', 'openapi-fetch', 'typescript', 'tsx'];
  const bench = ['oazapfts', '@oazapfts/runtime', '@hey-api/openapi-ts', 'orval', 'esbuild'];
  return Object.fromEntries([
    ['tokenkit', readPackage(ROOT).version],
    ...root.map((name): [string, string] => [name, versionOf(name, 'root')]),
    ...bench.map((name): [string, string] => [name, versionOf(name, 'bench')]),
  ]);
}
