/**
 * The GitHub client packages the consumers import, built as their users would get them: tokenkit's
 * package compiled with its own tsconfig to dist/ (.js + .d.ts), and hey-api's generated sources made
 * into a package the same way. Both reuse the last output of the generation section when there is one.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GITHUB_OVERLAY } from '../scripts/github-spec.js';
import { GITHUB_HEY_OUT, GITHUB_TOKENKIT_OUT } from './generation.js';
import { describeFailure, exists, ok, run } from './proc.js';
import { NODE, peers, ROOT, TOKENKIT_BIN, TSC, WORK } from './tools.js';

export interface SetupStep {
  step: string;
  seconds: number;
  error?: string;
}

/** Written after a build succeeded: tsc emits even when it reports errors, so dist/ proves nothing. */
const BUILT = '.bench-built';

export const HEY_PACKAGE = path.dirname(GITHUB_HEY_OUT);

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

async function tsc(project: string): Promise<string | undefined> {
  const result = await run(NODE, [TSC, '-p', project, '--pretty', 'false'], { cwd: ROOT, timeoutMs: 900_000 });
  return ok(result) ? undefined : describeFailure(result, 10);
}

/** tokenkit's GitHub package, generated if need be and built to dist/. */
export async function tokenkitGithubPackage(spec: string, steps: SetupStep[], log: (line: string) => void): Promise<string | undefined> {
  const dir = GITHUB_TOKENKIT_OUT;
  if (!(await exists(path.join(dir, 'src', 'client.ts')))) {
    const done = await step(steps, 'generate tokenkit GitHub package', log, async () => {
      const result = await run(NODE, [TOKENKIT_BIN, 'generate', '--spec', spec, '--overlay', GITHUB_OVERLAY, '--out', dir, '--name', '@x/github'], {
        cwd: ROOT,
        timeoutMs: 600_000,
      });
      return ok(result) ? undefined : describeFailure(result);
    });
    if (!done) return undefined;
  }
  if (!(await exists(path.join(dir, BUILT)))) {
    const done = await step(steps, 'build tokenkit GitHub package (tsc -p <pkg>/tsconfig.json)', log, () => tsc(path.join(dir, 'tsconfig.json')));
    if (!done) return undefined;
    await writeFile(path.join(dir, BUILT), '');
  }
  return dir;
}

/** hey-api's GitHub output as a package, generated if need be and built to dist/. */
export async function heyGithubPackage(spec: string, steps: SetupStep[], log: (line: string) => void): Promise<string | undefined> {
  const dir = HEY_PACKAGE;
  if (!(await exists(path.join(GITHUB_HEY_OUT, 'sdk.gen.ts')))) {
    const done = await step(steps, 'generate hey-api GitHub SDK', log, async () => {
      const result = await run(NODE, [peers.heyApi(), '-i', spec, '-o', GITHUB_HEY_OUT, '-c', '@hey-api/client-fetch', '--no-log-file'], {
        cwd: WORK,
        timeoutMs: 600_000,
      });
      return ok(result) ? undefined : describeFailure(result);
    });
    if (!done) return undefined;
  }
  if (!(await exists(path.join(dir, BUILT)))) {
    await writeFile(
      path.join(dir, 'package.json'),
      `${JSON.stringify(
        {
          name: 'hey-github',
          version: '0.0.0',
          private: true,
          type: 'module',
          exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
          sideEffects: false,
        },
        null,
        2,
      )}\n`,
    );
    // tokenkit's generated packages' options, plus DOM.Iterable, which hey-api's client needs.
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            declaration: true,
            outDir: 'dist',
            rootDir: 'src',
            types: [],
            skipLibCheck: true,
          },
          include: ['src'],
        },
        null,
        2,
      )}\n`,
    );
    const done = await step(steps, 'build hey-api GitHub SDK as a package (tsc -p <pkg>/tsconfig.json)', log, () => tsc(path.join(dir, 'tsconfig.json')));
    if (!done) return undefined;
    await writeFile(path.join(dir, BUILT), '');
  }
  return dir;
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
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}
