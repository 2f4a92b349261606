/**
 * `npm run bench`: one run of every comparison, then bench/RESULTS.md and bench/results.json.
 * Measures; asserts nothing. Options: `npm run bench -- --help`.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { githubSpec } from '../scripts/github-spec.js';
import { bundleSizes } from './bundle.js';
import { parseConfig, type Section } from './config.js';
import { githubGeneration, tokenSpecs } from './generation.js';
import { describeMachine } from './machine.js';
import type { SetupStep } from './packages.js';
import { computeRatios, formatRatio } from './ratios.js';
import { writeReport } from './report.js';
import { summariseAll, type BenchResults, type Comparison } from './results.js';
import { runtimeE2e, runtimeE2ePaired, runtimeOverhead } from './runtime.js';
import { run } from './proc.js';
import { NODE, ROOT, TOKENKIT_BIN, WORK } from './tools.js';
import { typecheck } from './typecheck.js';

function log(line: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const config = parseConfig(argv);
  const started = new Date();
  const machine = describeMachine();
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  log(
    `tools: ${Object.entries(machine.tools)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  // With --keep, a later run reuses the built packages (and skips their setup).
  if (!config.keep) await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const spec = await githubSpec();
  // Read once so the first tool to open it does not pay for the disk.
  await readFile(spec);
  log(`GitHub spec: ${spec}`);
  // tokenkit as a user runs it after `npm ci` and one command: its bundle built, the compiler's code cache written.
  const warm = await run(NODE, [TOKENKIT_BIN, 'generate', '--spec', path.join(ROOT, 'specs', 'quay.yaml'), '--out', path.join(WORK, 'warm-up')], {
    cwd: ROOT,
    timeoutMs: 120_000,
  });
  if (warm.code !== 0) throw new Error(`tokenkit could not run: ${warm.stderr}`);
  await rm(path.join(WORK, 'warm-up'), { recursive: true, force: true });

  const steps: SetupStep[] = [];
  const comparisons: Comparison[] = [];
  const sections: Record<Section, () => Promise<Comparison[]>> = {
    generation: async () => [await tokenSpecs(config, log), await githubGeneration(config, spec, log)],
    typecheck: async () => [await typecheck(config, spec, steps, log)],
    runtime: async () => [await runtimeOverhead(config, log), await runtimeE2e(config, log), await runtimeE2ePaired(config, log)],
    bundle: async () => [await bundleSizes(config, spec, steps, log)],
  };
  for (const section of config.sections) {
    const t0 = performance.now();
    log(`== ${section}`);
    try {
      comparisons.push(...(await sections[section]()));
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      steps.push({ step: `section ${section}`, seconds: (performance.now() - t0) / 1000, error: `crashed: ${message.split('\n').slice(0, 3).join(' ')}` });
      log(`section ${section} crashed: ${message}`);
    }
    log(`== ${section} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }

  summariseAll(comparisons);
  const finished = new Date();
  const results: BenchResults = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationS: (finished.getTime() - started.getTime()) / 1000,
    command: argv.length > 0 ? `npm run bench -- ${argv.join(' ')}` : 'npm run bench',
    config,
    machine,
    setup: steps,
    comparisons,
    ratios: computeRatios(comparisons),
  };
  const written = await writeReport(results);
  for (const f of written) log(`wrote ${path.relative(ROOT, f)}`);
  for (const r of results.ratios.filter((x) => x.max !== undefined)) {
    log(`target ${r.met === undefined ? 'NOT MEASURED' : r.met ? 'met    ' : 'NOT MET'}  ${formatRatio(r.value)} (≤ ${r.max!})  ${r.label}`);
  }
  if (!config.keep) await rm(WORK, { recursive: true, force: true });
  log(`done in ${(results.durationS / 60).toFixed(1)} min`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
