/**
 * Type-check cost for users: a consumer making 30 GitHub calls, checked with
 * `tsc --noEmit --extendedDiagnostics` (the project's TypeScript), through tokenkit's built package,
 * raw openapi-fetch on the same `paths` declarations, and hey-api's SDK built the same way. A baseline
 * per style (same imports and client, no calls) separates the fixed cost of loading the declarations
 * from the cost of the calls.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchConfig } from './config.js';
import { renderConsumer, STYLE_LABELS, styleLinks, type ConsumerStyle } from './consumers.js';
import { GITHUB_CALLS } from './github-calls.js';
import { CONSUMER_OPTIONS, consumerDir, githubPackages, type SetupStep } from './packages.js';
import { fail, newRow, type Comparison, type Metric, type Row } from './results.js';
import { runRounds, type ProcessTask } from './rounds.js';
import { NODE, TSC, writeJson } from './tools.js';

const METRICS: Metric[] = [
  { key: 'instantiations', label: 'instantiations', unit: '', digits: 0 },
  { key: 'types', label: 'types', unit: '', digits: 0 },
  { key: 'checkTimeS', label: 'check time', unit: 's', digits: 2 },
  { key: 'totalTimeS', label: 'total time', unit: 's', digits: 2 },
  { key: 'memoryMB', label: 'tsc memory used', unit: 'MB', digits: 0 },
  { key: 'rssMB', label: 'peak RSS', unit: 'MB', digits: 0 },
  { key: 'wallS', label: 'wall', unit: 's', digits: 2 },
];

/** The figures read from tsc's --extendedDiagnostics: key, tsc's label, and the factor to the metric's unit. */
const DIAGNOSTICS: [key: string, label: string, factor: number][] = [
  ['instantiations', 'Instantiations', 1],
  ['types', 'Types', 1],
  ['checkTimeS', 'Check time', 1],
  ['totalTimeS', 'Total time', 1],
  ['memoryMB', 'Memory used', 1 / 1024],
];

/** Reads tsc's --extendedDiagnostics figures; a string when they are missing. */
function parseDiagnostics(stdout: string): Record<string, number> | string {
  const figures: Record<string, number> = {};
  for (const [key, label, factor] of DIAGNOSTICS) {
    const m = new RegExp(`^${label}:\\s+([0-9.]+)(K|s)?\\s*$`, 'm').exec(stdout);
    if (!m) return 'tsc printed no --extendedDiagnostics figures';
    figures[key] = Number(m[1]) * factor;
  }
  return figures;
}

/** Runs the type-check comparison. */
export async function typecheck(config: BenchConfig, spec: string, steps: SetupStep[], log: (line: string) => void): Promise<Comparison> {
  const packages = await githubPackages(spec, steps, log);
  const styles: ConsumerStyle[] = ['tokenkit', 'openapi-fetch', 'hey-api'];
  const rows: Row[] = [];
  const tasks: ProcessTask[] = [];
  for (const style of styles) {
    for (const calls of [GITHUB_CALLS, []]) {
      const variant = calls.length > 0 ? `${calls.length} calls` : 'baseline: import + client, no calls';
      const row = newRow(STYLE_LABELS[style], METRICS, variant);
      rows.push(row);
      const links = styleLinks(style, packages);
      let source: string;
      try {
        if (!links || !packages.names) throw new Error(packages.error ?? 'its GitHub package could not be built (see setup)');
        source = renderConsumer(style, calls, packages.names);
      } catch (err) {
        fail(row, err instanceof Error ? err.message : String(err));
        continue;
      }
      const dir = await consumerDir(`${style}-${calls.length}`, links);
      await writeFile(path.join(dir, 'index.ts'), source);
      await writeJson(path.join(dir, 'tsconfig.json'), { compilerOptions: CONSUMER_OPTIONS, files: ['index.ts'] });
      tasks.push({
        row,
        name: `tsc ${style} ${variant}`,
        prepare: async () => ({
          command: NODE,
          args: [TSC, '-p', path.join(dir, 'tsconfig.json'), '--noEmit', '--extendedDiagnostics', '--pretty', 'false'],
          cwd: dir,
        }),
        extract: (run) => {
          const figures = parseDiagnostics(run.stdout);
          return typeof figures === 'string' ? figures : { ...figures, rssMB: run.maxRssKb / 1024, wallS: run.wallMs / 1000 };
        },
      });
    }
  }
  log(`consumer type-check: ${config.typecheckRuns} rounds`);
  await runRounds(tasks, { rounds: config.typecheckRuns, warmup: 0, timeoutMs: 600_000, log });
  return {
    id: 'typecheck',
    title: 'Type-check cost for users: 30 GitHub calls',
    what:
      `One consumer file makes ${GITHUB_CALLS.length} different GitHub operations (${GITHUB_CALLS.map((c) => c.operationId).join(', ')}) and reads one property of each result. ` +
      "tokenkit's consumer calls its client's methods through the package built to .d.ts; the raw openapi-fetch consumer calls `createClient<paths>()` GET/POST/PUT/PATCH with the `paths` type the same package exports; " +
      "hey-api's consumer calls its SDK functions, its output compiled to .d.ts with the same options. Consumers use strict, NodeNext and skipLibCheck. " +
      'The baseline rows are the same files with no calls.',
    commands: [
      'node node_modules/typescript/bin/tsc -p <consumer>/tsconfig.json --noEmit --extendedDiagnostics',
      'node node_modules/typescript/bin/tsc -p <tmp>/github/tsconfig.json  (building the package, once)',
    ],
    metrics: METRICS,
    rows,
  };
}
