/**
 * The GitHub client packages the consumers import, built as their users would get them: tokenkit's
 * package compiled with its own tsconfig to dist/ (.js + .d.ts), and hey-api's generated sources made
 * into a package the same way. Both reuse the last output of the generation section when there is one.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { heyNames, tokenkitNames, type Names } from './consumers.js';
import { GITHUB_HEY_OUT, GITHUB_TOKENKIT_OUT, heyGithubArgs, tokenkitGithubArgs } from './generation.js';
import { describeFailure, ok, run } from './proc.js';
import { NODE, ROOT, TSC, WORK, writeJson } from './tools.js';

export interface SetupStep {
  step: string;
  seconds: number;
  error?: string;
}

/** Written after a build succeeded: tsc emits even when it reports errors, so dist/ proves nothing. */
const BUILT = '.bench-built';

const HEY_PACKAGE = path.dirname(GITHUB_HEY_OUT);

async function step(steps: SetupStep[], name: string, log: (line: string) => void, work: () => Promise<string | undefined>): Promise<boolean> {
  const started = performance.now();
  log(`setup: ${name}`);
  let error: string | undefined;
  try {
    error = await work();
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const seconds = (performance.now() - started) / 1000;
  steps.push({ step: name, seconds, ...(error ? { error } : {}) });
  log(`setup: ${name}: ${error ? `FAILED ${error}` : `${seconds.toFixed(1)} s`}`);
  return error === undefined;
}

/** Runs `node <args>`; returns how it failed, or undefined. */
async function node(args: string[], cwd: string, lines?: number): Promise<string | undefined> {
  const result = await run(NODE, args, { cwd, timeoutMs: 900_000 });
  return ok(result) ? undefined : describeFailure(result, lines);
}

const tsc = (project: string): Promise<string | undefined> => node([TSC, '-p', project, '--pretty', 'false'], ROOT, 10);

/**
 * A package generated into `dir` by `generate` unless `generated` exists, then built to dist/ with its
 * tsconfig unless an earlier run did; undefined when a step failed (the step says why).
 */
async function buildPackage(
  what: string,
  dir: string,
  generated: string,
  generate: () => Promise<string | undefined>,
  setup: { steps: SetupStep[]; log: (line: string) => void },
  prepare?: () => Promise<void>,
): Promise<string | undefined> {
  if (!existsSync(generated) && !(await step(setup.steps, `generate ${what}`, setup.log, generate))) return undefined;
  if (!existsSync(path.join(dir, BUILT))) {
    await prepare?.();
    if (!(await step(setup.steps, `build ${what} (tsc -p <pkg>/tsconfig.json)`, setup.log, () => tsc(path.join(dir, 'tsconfig.json'))))) return undefined;
    await writeFile(path.join(dir, BUILT), '');
  }
  return dir;
}

/** hey-api's generated sources made a package: its package.json and tsconfig. */
async function heyPackageFiles(): Promise<void> {
  await writeJson(path.join(HEY_PACKAGE, 'package.json'), {
    name: 'hey-github',
    version: '0.0.0',
    private: true,
    type: 'module',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    sideEffects: false,
  });
  // The consumers' options (with DOM.Iterable, which hey-api's client needs), emitting .js and .d.ts.
  const compilerOptions = { ...CONSUMER_OPTIONS, noEmit: false, declaration: true, outDir: 'dist', rootDir: 'src' };
  await writeJson(path.join(HEY_PACKAGE, 'tsconfig.json'), { compilerOptions, include: ['src'] });
}

/** A consumer project directory whose node_modules links the packages given by name. */
export async function consumerDir(name: string, links: Record<string, string>): Promise<string> {
  const dir = path.join(WORK, 'consumers', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  for (const [pkg, target] of Object.entries(links)) {
    const at = path.join(dir, 'node_modules', pkg);
    await mkdir(path.dirname(at), { recursive: true });
    await symlink(target, at, 'dir');
  }
  await writeJson(path.join(dir, 'package.json'), { name: `consumer-${name}`, private: true, type: 'module' });
  return dir;
}

/** The compiler options of the consumers: strict, NodeNext, libraries' .d.ts not re-checked, as most apps. */
export const CONSUMER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** Both GitHub packages and how each names the operations; a package that could not be built is undefined. */
export interface GithubPackages {
  tokenkit?: string;
  hey?: string;
  names?: Names;
  /** Why the names could not be read. */
  error?: string;
}

/** Builds (or reuses) both GitHub packages and reads their names. */
export async function githubPackages(spec: string, steps: SetupStep[], log: (line: string) => void): Promise<GithubPackages> {
  const setup = { steps, log };
  const tk = GITHUB_TOKENKIT_OUT;
  const tokenkit = await buildPackage('tokenkit GitHub package', tk, path.join(tk, 'src', 'client.ts'), () => node(tokenkitGithubArgs(spec, tk), ROOT), setup);
  const heySdk = path.join(GITHUB_HEY_OUT, 'sdk.gen.ts');
  const hey = await buildPackage('hey-api GitHub SDK', HEY_PACKAGE, heySdk, () => node(heyGithubArgs(spec, GITHUB_HEY_OUT), WORK), setup, heyPackageFiles);
  try {
    const names = {
      ...(tokenkit ? await tokenkitNames(tokenkit) : { clientClass: '', coreClass: '', tokenkit: new Map() }),
      hey: hey ? await heyNames(path.join(hey, 'src')) : new Map<string, string>(),
    };
    return { tokenkit, hey, names };
  } catch (err) {
    return { tokenkit, hey, error: err instanceof Error ? err.message : String(err) };
  }
}
