/**
 * Cold generation: each run is a fresh process, timed from spawn to exit, with its peak RSS.
 * - The three token specs: tokenkit (whole package) against openapi-typescript (types only), one spec
 *   each, plus tokenkit generating all three in one run in a temporary copy of the project.
 * - GitHub's REST spec: tokenkit against openapi-typescript, oazapfts, @hey-api/openapi-ts and orval.
 */
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import { newRow, type Comparison, type Metric, type Row } from './results.js';
import { exists } from './proc.js';
import { runRounds, sizeOf, type ProcessTask } from './rounds.js';
import { GITHUB_OVERLAY } from '../scripts/github-spec.js';
import { CACHE_DIR_VARIABLE } from '../generator/cache-dir.js';
import { NODE, peers, ROOT, TOKENKIT_BIN, WORK } from './tools.js';

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

function expectFile(relative: string): (output: string) => Promise<string | undefined> {
  return async (output) => ((await exists(path.join(output, relative))) ? undefined : `finished but wrote no ${relative}`);
}

/** A peer's bin script relative to the project, for the commands listed in RESULTS.md. */
export function binPath(resolve: () => string): string {
  try {
    return path.relative(ROOT, resolve());
  } catch {
    return '<not installed>';
  }
}

async function noteSize(row: Row, output: string): Promise<void> {
  const { files, bytes } = await sizeOf(output);
  row.note = `output: ${files} file${files === 1 ? '' : 's'}, ${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Cold generation of the three token specs. */
export async function tokenSpecs(config: BenchConfig, log: (line: string) => void): Promise<Comparison> {
  const base = path.join(WORK, 'gen-tokens');
  await rm(base, { recursive: true, force: true });
  const tasks: ProcessTask[] = [];
  for (const spec of TOKEN_SPECS) {
    const specFile = path.join(ROOT, 'specs', `${spec}.yaml`);
    const tk = newRow('tokenkit', METRICS, spec);
    tasks.push({
      row: tk,
      name: `tokenkit ${spec}`,
      prepare: async (round) => {
        const output = path.join(base, `tokenkit-${spec}-${round}`);
        return { command: NODE, args: [TOKENKIT_BIN, 'generate', '--spec', specFile, '--out', output], cwd: ROOT, output };
      },
      verify: expectFile('src/client.ts'),
      keepLast: (output) => noteSize(tk, output),
    });
    const oats = newRow('openapi-typescript', METRICS, spec);
    tasks.push({
      row: oats,
      name: `openapi-typescript ${spec}`,
      prepare: async (round) => {
        const output = path.join(base, `oats-${spec}-${round}`);
        await mkdir(output, { recursive: true });
        return { command: NODE, args: [peers.openapiTypescript(), specFile, '-o', path.join(output, 'schema.ts')], cwd: ROOT, output };
      },
      verify: expectFile('schema.ts'),
      keepLast: (output) => noteSize(oats, output),
    });
  }
  // The first run after an install has no code cache for the TypeScript compiler (see
  // generator/typescript-compiler.ts): each round gets an empty cache directory.
  const uncached = newRow('tokenkit', METRICS, 'all three, one run, no code cache (first run after install)');
  tasks.push({
    row: uncached,
    name: 'tokenkit all three, no code cache',
    prepare: async (round) => {
      const output = path.join(base, `project-uncached-${round}`);
      await mkdir(path.join(output, '.empty-cache'), { recursive: true });
      await cp(path.join(ROOT, 'specs'), path.join(output, 'specs'), { recursive: true });
      await cp(path.join(ROOT, 'package.json'), path.join(output, 'package.json'));
      return {
        command: NODE,
        args: [TOKENKIT_BIN, 'generate'],
        cwd: output,
        output,
        env: { ...process.env, [CACHE_DIR_VARIABLE]: path.join(output, '.empty-cache') },
      };
    },
    verify: async (output) => ((await exists(path.join(output, 'generated', 'quay', 'src', 'client.ts'))) ? undefined : 'wrote no generated/quay'),
  });
  // All three in one `generate`, in a copy of the project holding only what the command reads.
  const all = newRow('tokenkit', METRICS, 'all three, one run');
  tasks.push({
    row: all,
    name: 'tokenkit all three',
    prepare: async (round) => {
      const output = path.join(base, `project-${round}`);
      await mkdir(output, { recursive: true });
      await cp(path.join(ROOT, 'specs'), path.join(output, 'specs'), { recursive: true });
      await cp(path.join(ROOT, 'package.json'), path.join(output, 'package.json'));
      return { command: NODE, args: [TOKENKIT_BIN, 'generate'], cwd: output, output };
    },
    verify: async (output) => {
      for (const spec of TOKEN_SPECS) if (!(await exists(path.join(output, 'generated', spec, 'src', 'client.ts')))) return `wrote no generated/${spec}`;
      return undefined;
    },
    keepLast: (output) => noteSize(all, path.join(output, 'generated')),
  });
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
      `node ${binPath(peers.openapiTypescript)} specs/<name>.yaml -o <tmp>/schema.ts`,
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
  await mkdir(base, { recursive: true });
  const dir = (tool: string, round: number): string => path.join(base, `${tool}-${round}`);
  const keepAs = (target: string, row: Row) => async (output: string) => {
    await noteSize(row, output);
    await rm(target, { recursive: true, force: true });
    await mkdir(path.dirname(target), { recursive: true });
    await rename(output, target);
  };
  const rows = {
    tokenkit: newRow('tokenkit', METRICS, 'package: types, client, docs'),
    oats: newRow('openapi-typescript', METRICS, 'types only'),
    oazapfts: newRow('oazapfts', METRICS, 'types + fetch client'),
    hey: newRow('@hey-api/openapi-ts', METRICS, 'types + SDK, fetch client'),
    orval: newRow('orval', METRICS, 'types + fetch client'),
  };
  const tasks: ProcessTask[] = [
    {
      row: rows.tokenkit,
      name: 'tokenkit',
      prepare: async (round) => {
        const output = dir('tokenkit', round);
        return {
          command: NODE,
          args: [TOKENKIT_BIN, 'generate', '--spec', spec, '--overlay', GITHUB_OVERLAY, '--out', output, '--name', '@x/github'],
          cwd: ROOT,
          output,
        };
      },
      verify: expectFile('src/client.ts'),
      keepLast: keepAs(GITHUB_TOKENKIT_OUT, rows.tokenkit),
    },
    {
      row: rows.oats,
      name: 'openapi-typescript',
      prepare: async (round) => {
        const output = dir('oats', round);
        await mkdir(output, { recursive: true });
        return { command: NODE, args: [peers.openapiTypescript(), spec, '-o', path.join(output, 'schema.ts')], cwd: base, output };
      },
      verify: expectFile('schema.ts'),
      keepLast: (output) => noteSize(rows.oats, output),
    },
    {
      row: rows.oazapfts,
      name: 'oazapfts',
      prepare: async (round) => {
        const output = dir('oazapfts', round);
        await mkdir(output, { recursive: true });
        return { command: NODE, args: [peers.oazapfts(), spec, path.join(output, 'api.ts')], cwd: base, output };
      },
      verify: expectFile('api.ts'),
      keepLast: (output) => noteSize(rows.oazapfts, output),
    },
    {
      row: rows.hey,
      name: '@hey-api/openapi-ts',
      prepare: async (round) => {
        const output = dir('hey', round);
        return { command: NODE, args: [peers.heyApi(), '-i', spec, '-o', output, '-c', '@hey-api/client-fetch', '--no-log-file'], cwd: base, output };
      },
      verify: expectFile('sdk.gen.ts'),
      keepLast: keepAs(GITHUB_HEY_OUT, rows.hey),
    },
    {
      row: rows.orval,
      name: 'orval',
      prepare: async (round) => {
        const output = dir('orval', round);
        return { command: NODE, args: [peers.orval(), '-i', spec, '-o', path.join(output, 'api.ts'), '--client', 'fetch'], cwd: base, output };
      },
      verify: expectFile('api.ts'),
      keepLast: (output) => noteSize(rows.orval, output),
    },
  ];
  log(`cold generation, GitHub: ${config.githubRuns} rounds`);
  await runRounds(tasks, { rounds: config.githubRuns, warmup: 0, timeoutMs: 600_000, log });
  await rm(base, { recursive: true, force: true });
  return {
    id: 'gen-github',
    title: "Cold generation: GitHub's REST API (13 MB, 1,223 operations)",
    what:
      'A fresh process per run on api.github.com.json. tokenkit writes a whole package (schema, client with one method per operation, runtime, Markdown docs per operation and model), with overlays/github.overlay.yaml applied (Link-header pagination on 246 list operations); ' +
      'openapi-typescript writes types only; oazapfts one file of types and fetch functions; hey-api its types, SDK functions and bundled fetch client; orval one file of types and fetch functions.',
    commands: [
      'node bin/tokenkit.js generate --spec <github.json> --overlay overlays/github.overlay.yaml --out <tmp> --name @x/github',
      `node ${binPath(peers.openapiTypescript)} <github.json> -o <tmp>/schema.ts`,
      `node ${binPath(peers.oazapfts)} <github.json> <tmp>/api.ts`,
      `node ${binPath(peers.heyApi)} -i <github.json> -o <tmp> -c @hey-api/client-fetch --no-log-file`,
      `node ${binPath(peers.orval)} -i <github.json> -o <tmp>/api.ts --client fetch`,
    ],
    metrics: METRICS,
    rows: Object.values(rows),
  };
}
