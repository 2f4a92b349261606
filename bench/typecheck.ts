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
import { heyNames, renderConsumer, tokenkitNames, type ConsumerStyle, type Names } from './consumers.js';
import { GITHUB_CALLS } from './github-calls.js';
import { consumerDir, heyGithubPackage, tokenkitGithubPackage, type SetupStep } from './packages.js';
import { fail, newRow, type Comparison, type Metric, type Row } from './results.js';
import { runRounds, type ProcessTask } from './rounds.js';
import { NODE, TSC } from './tools.js';
import type { MeasuredRun } from './proc.js';

const METRICS: Metric[] = [
  { key: 'instantiations', label: 'instantiations', unit: '', digits: 0 },
  { key: 'types', label: 'types', unit: '', digits: 0 },
  { key: 'checkTimeS', label: 'check time', unit: 's', digits: 2 },
  { key: 'totalTimeS', label: 'total time', unit: 's', digits: 2 },
  { key: 'memoryMB', label: 'tsc memory used', unit: 'MB', digits: 0 },
  { key: 'rssMB', label: 'peak RSS', unit: 'MB', digits: 0 },
  { key: 'wallS', label: 'wall', unit: 's', digits: 2 },
];

/** The consumer's compiler options: strict, NodeNext, libraries' .d.ts not re-checked, as most apps. */
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ['index.ts'],
};

/** Reads tsc's --extendedDiagnostics figures; a string when they are missing. */
export function parseDiagnostics(stdout: string): Record<string, number> | string {
  const num = (label: string): number | undefined => {
    const m = new RegExp(`^${label}:\\s+([0-9.]+)(K|s)?\\s*$`, 'm').exec(stdout);
    return m ? Number(m[1]) : undefined;
  };
  const instantiations = num('Instantiations');
  const types = num('Types');
  const check = num('Check time');
  const total = num('Total time');
  const memory = num('Memory used');
  if (instantiations === undefined || check === undefined || total === undefined || memory === undefined || types === undefined) {
    return 'tsc printed no --extendedDiagnostics figures';
  }
  return { instantiations, types, checkTimeS: check, totalTimeS: total, memoryMB: memory / 1024 };
}

const LABELS: Record<ConsumerStyle, string> = { tokenkit: 'tokenkit', 'openapi-fetch': 'openapi-fetch (raw)', 'hey-api': '@hey-api/openapi-ts' };

/** Runs the type-check comparison. */
export async function typecheck(config: BenchConfig, spec: string, steps: SetupStep[], log: (line: string) => void): Promise<Comparison> {
  const tk = await tokenkitGithubPackage(spec, steps, log);
  const hey = await heyGithubPackage(spec, steps, log);
  const styles: ConsumerStyle[] = ['tokenkit', 'openapi-fetch', 'hey-api'];
  const rows: Row[] = [];
  const tasks: ProcessTask[] = [];
  let names: Names | undefined;
  let namesError: string | undefined;
  try {
    names = {
      ...(tk ? await tokenkitNames(tk) : { clientClass: '', coreClass: '', tokenkit: new Map() }),
      hey: hey ? await heyNames(path.join(hey, 'src')) : new Map(),
    };
  } catch (err) {
    namesError = err instanceof Error ? err.message : String(err);
  }
  for (const style of styles) {
    for (const calls of [GITHUB_CALLS, []]) {
      const variant = calls.length > 0 ? `${calls.length} calls` : 'baseline: import + client, no calls';
      const row = newRow(LABELS[style], METRICS, variant);
      rows.push(row);
      const missing = style === 'hey-api' ? !hey : !tk;
      if (missing || !names) {
        fail(row, namesError ?? `its GitHub package could not be built (see setup)`);
        continue;
      }
      let source: string;
      try {
        source = renderConsumer(style, calls, names);
      } catch (err) {
        fail(row, err instanceof Error ? err.message : String(err));
        continue;
      }
      const links: Record<string, string> = style === 'hey-api' ? { 'hey-github': hey! } : { '@x/github': tk! };
      const dir = await consumerDir(`${style}-${calls.length}`, links);
      await writeFile(path.join(dir, 'index.ts'), source);
      await writeFile(path.join(dir, 'tsconfig.json'), `${JSON.stringify(CONSUMER_TSCONFIG, null, 2)}\n`);
      tasks.push({
        row,
        name: `tsc ${style} ${variant}`,
        prepare: async () => ({
          command: NODE,
          args: [TSC, '-p', path.join(dir, 'tsconfig.json'), '--noEmit', '--extendedDiagnostics', '--pretty', 'false'],
          cwd: dir,
          output: '',
        }),
        extract: (run: MeasuredRun) => parseDiagnostics(run.stdout),
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
