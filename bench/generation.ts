/**
 * Cold generation: each run is a fresh process, timed from spawn to exit, with its peak RSS.
 * - The three token specs: tokenkit (whole package) against openapi-typescript (types only), one spec
 *   each, plus tokenkit generating all three in one run in a temporary copy of the project.
 * - GitHub's REST spec: tokenkit against openapi-typescript, oazapfts, @hey-api/openapi-ts and orval.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import { newRow, type Comparison, type Metric, type Row } from './results.js';
import { runRounds, type ProcessTask } from './rounds.js';
import { GITHUB_OVERLAY } from '../scripts/github-spec.js';
import { CACHE_DIR_VARIABLE } from '../generator/cache-dir.js';
import { commandLine, NODE, peers, ROOT, TOKENKIT_BIN, WORK } from './tools.js';

export const TOKEN_SPECS = ['quay', 'ionos-container-registry', 'launchdarkly'] as const;
/** The largest of the three, the reference for "no slower than openapi-typescript on one of them". */
export const REFERENCE_TOKEN_SPEC = 'launchdarkly';

const METRICS: Metric[] = [
  { key: 'wallS', label: 'wall', unit: 's', digits: 2 },
  { key: 'rssMB', label: 'peak RSS', unit: 'MB', digits: 0 },
];

/** Where the last tokenkit and hey-api GitHub outputs are kept for the type-check and bundle sections. */
export const GITHUB_TOKENKIT_OUT = path.join(WORK, 'pkgs', 'github');
export const GITHUB_HEY_OUT = path.join(WORK, 'pkgs', 'hey-github', 'src');

/** The arguments of `node` that generate tokenkit's GitHub package, with its overlay. */
export function tokenkitGithubArgs(spec: string, out: string): string[] {
  return [TOKENKIT_BIN, 'generate', '--spec', spec, '--overlay', GITHUB_OVERLAY, '--out', out, '--name', '@x/github'];
}
/** The arguments of `node` that generate hey-api's GitHub SDK with its fetch client. */
export const heyGithubArgs = (spec: string, out: string): string[] => [peers.heyApi(), '-i', spec, '-o', out, '-c', '@hey-api/client-fetch', '--no-log-file'];
const oatsArgs = (spec: string, out: string): string[] => [peers.openapiTypescript(), spec, '-o', path.join(out, 'schema.ts')];

/** A command line for RESULTS.md, with placeholders for the temporary paths; a peer not installed says so. */
function shown(args: (spec: string, out: string) => string[], spec: string): string {
  try {
    return commandLine(args(spec, '<tmp>'));
  } catch {
    return '<not installed>';
  }
}

/** Checks that a run wrote each of the files. */
function wrote(...files: string[]): (output: string) => string | undefined {
  return (output) => {
    const missing = files.find((f) => !existsSync(path.join(output, f)));
    return missing === undefined ? undefined : `finished but wrote no ${missing}`;
  };
}

/** Notes on the row how many files and bytes a tool wrote. */
async function noteSize(row: Row, output: string): Promise<void> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(output, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  row.note = `output: ${files} file${files === 1 ? '' : 's'}, ${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** A task running `node <args>` in `cwd`, into a fresh directory per round. */
function nodeTask(
  row: Row,
  name: string,
  cwd: string,
  dir: (round: number) => string,
  args: (out: string) => string[],
  check: ProcessTask['verify'],
): ProcessTask {
  return {
    row,
    name,
    prepare: async (round) => {
      const output = dir(round);
      await mkdir(output, { recursive: true });
      return { command: NODE, args: args(output), cwd, output };
    },
    verify: check,
    keepLast: (output) => noteSize(row, output),
  };
}

/** Cold generation of the three token specs. */
export async function tokenSpecs(config: BenchConfig, log: (line: string) => void): Promise<Comparison> {
  const base = path.join(WORK, 'gen-tokens');
  await rm(base, { recursive: true, force: true });
  const tasks: ProcessTask[] = [];
  for (const spec of TOKEN_SPECS) {
    const specFile = path.join(ROOT, 'specs', `${spec}.yaml`);
    const out = (tool: string) => (round: number) => path.join(base, `${tool}-${spec}-${round}`);
    const tkArgs = (output: string) => [TOKENKIT_BIN, 'generate', '--spec', specFile, '--out', output];
    tasks.push(nodeTask(newRow('tokenkit', METRICS, spec), `tokenkit ${spec}`, ROOT, out('tokenkit'), tkArgs, wrote('src/client.ts')));
    tasks.push(
      nodeTask(newRow('openapi-typescript', METRICS, spec), `openapi-typescript ${spec}`, ROOT, out('oats'), (o) => oatsArgs(specFile, o), wrote('schema.ts')),
    );
  }
  // All three in one `generate`, in a copy of the project holding only what the command reads. The
  // first run after an install has no code cache for the TypeScript compiler (see
  // generator/typescript-compiler.ts): the uncached row gives each round an empty cache directory.
  for (const cached of [false, true]) {
    const row = newRow('tokenkit', METRICS, cached ? 'all three, one run' : 'all three, one run, no code cache (first run after install)');
    tasks.push({
      row,
      name: `tokenkit all three${cached ? '' : ', no code cache'}`,
      prepare: async (round) => {
        const output = path.join(base, `project-${cached ? '' : 'uncached-'}${round}`);
        await mkdir(path.join(output, '.empty-cache'), { recursive: true });
        await cp(path.join(ROOT, 'specs'), path.join(output, 'specs'), { recursive: true });
        await cp(path.join(ROOT, 'package.json'), path.join(output, 'package.json'));
        const env = cached ? process.env : { ...process.env, [CACHE_DIR_VARIABLE]: path.join(output, '.empty-cache') };
        return { command: NODE, args: [TOKENKIT_BIN, 'generate'], cwd: output, output, env };
      },
      verify: wrote(...TOKEN_SPECS.map((spec) => `generated/${spec}/src/client.ts`)),
      ...(cached ? { keepLast: (output: string) => noteSize(row, path.join(output, 'generated')) } : {}),
    });
  }
  log(`cold generation, token specs: ${config.tokenWarmup} warm-up + ${config.tokenRuns} rounds`);
  await runRounds(tasks, { rounds: config.tokenRuns, warmup: config.tokenWarmup, timeoutMs: 120_000, log });
  await rm(base, { recursive: true, force: true });
  return {
    id: 'gen-tokens',
    title: 'Cold generation: the three token specs',
    what:
      'A fresh process per run. tokenkit writes the whole package (schema, client, resources, runtime, docs); openapi-typescript writes the types alone. ' +
      '"all three, one run" is `tokenkit generate` over specs/ in a temporary copy of the project. ' +
      'tokenkit runs from its bundle (dist/, built before the first round) and loads the TypeScript compiler with the V8 code cache an earlier run left in node_modules/.cache/tokenkit; ' +
      'the "no code cache" row starts each run with an empty cache directory, as the first run after `npm ci` does.',
    commands: [
      'node bin/tokenkit.js generate --spec specs/<name>.yaml --out <tmp>',
      shown(oatsArgs, 'specs/<name>.yaml'),
      '(cd <tmp copy with specs/ and package.json> && node <root>/bin/tokenkit.js generate)',
      '(cd <tmp copy …> && TOKENKIT_CACHE_DIR=<empty dir> node <root>/bin/tokenkit.js generate)',
    ],
    metrics: METRICS,
    rows: tasks.map((t) => t.row),
  };
}

/** Cold generation of GitHub's REST spec by every tool. */
export async function githubGeneration(config: BenchConfig, spec: string, log: (line: string) => void): Promise<Comparison> {
  const base = path.join(WORK, 'gen-github');
  await rm(base, { recursive: true, force: true });
  // The packages built from the last round's output are stale from here on.
  await rm(GITHUB_TOKENKIT_OUT, { recursive: true, force: true });
  await rm(path.dirname(GITHUB_HEY_OUT), { recursive: true, force: true });
  const tools = [
    { tool: 'tokenkit', variant: 'package: types, client, docs', args: tokenkitGithubArgs, file: 'src/client.ts', keep: GITHUB_TOKENKIT_OUT },
    { tool: 'openapi-typescript', variant: 'types only', args: oatsArgs, file: 'schema.ts' },
    { tool: 'oazapfts', variant: 'types + fetch client', args: (s: string, o: string) => [peers.oazapfts(), s, path.join(o, 'api.ts')], file: 'api.ts' },
    { tool: '@hey-api/openapi-ts', variant: 'types + SDK, fetch client', args: heyGithubArgs, file: 'sdk.gen.ts', keep: GITHUB_HEY_OUT },
    {
      tool: 'orval',
      variant: 'types + fetch client',
      args: (s: string, o: string) => [peers.orval(), '-i', s, '-o', path.join(o, 'api.ts'), '--client', 'fetch'],
      file: 'api.ts',
    },
  ];
  // Peers run in the scratch directory, where any file they leave beside their output is cleared.
  await mkdir(base, { recursive: true });
  const tasks = tools.map(({ tool, variant, args, file, keep }) => {
    const cwd = tool === 'tokenkit' ? ROOT : base;
    const task = nodeTask(
      newRow(tool, METRICS, variant),
      tool,
      cwd,
      (round) => path.join(base, `${tool.replace('/', '+')}-${round}`),
      (o) => args(spec, o),
      wrote(file),
    );
    if (keep === undefined) return task;
    // Kept for the type-check and bundle sections, which build packages from it.
    const note = task.keepLast!;
    return {
      ...task,
      keepLast: async (output: string) => {
        await note(output);
        await rm(keep, { recursive: true, force: true });
        await mkdir(path.dirname(keep), { recursive: true });
        await rename(output, keep);
      },
    };
  });
  log(`cold generation, GitHub: ${config.githubRuns} rounds`);
  await runRounds(tasks, { rounds: config.githubRuns, warmup: 0, timeoutMs: 600_000, log });
  await rm(base, { recursive: true, force: true });
  return {
    id: 'gen-github',
    title: "Cold generation: GitHub's REST API (13 MB, 1,223 operations)",
    what:
      'A fresh process per run on api.github.com.json. tokenkit writes a whole package (schema, client with one method per operation, runtime, Markdown docs per operation and model), with overlays/github.overlay.yaml applied (Link-header pagination on 246 list operations); ' +
      'openapi-typescript writes types only; oazapfts one file of types and fetch functions; hey-api its types, SDK functions and bundled fetch client; orval one file of types and fetch functions.',
    commands: tools.map((t) => shown(t.args, '<github.json>')),
    metrics: METRICS,
    rows: tasks.map((t) => t.row),
  };
}
