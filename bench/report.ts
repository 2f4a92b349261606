/** Writes bench/RESULTS.md and bench/results.json from one run's results. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { BenchResults, Comparison, Metric, RatioResult, Row } from './results.js';
import { formatRatio, rowLabel } from './ratios.js';
import { BENCH_DIR, ROOT } from './tools.js';

function fmt(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function cell(row: Row, metric: Metric): string {
  const s = row.summaries[metric.key];
  if (!s || s.n === 0) return '–';
  const unit = metric.unit ? ` ${metric.unit}` : '';
  const main = `${fmt(s.median, metric.digits)}${unit}`;
  return s.n > 1 && s.min !== s.max ? `${main} (${fmt(s.min, metric.digits)}–${fmt(s.max, metric.digits)})` : main;
}

function mdEscape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table; `numeric` columns are right-aligned; cells are escaped. */
function mdTable(head: readonly string[], rows: readonly (readonly string[])[], numeric: (column: number) => boolean = () => false): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(mdEscape).join(' | ')} |`;
  return [line(head), `| ${head.map((_, i) => (numeric(i) ? '---:' : '---')).join(' | ')} |`, ...rows.map(line)];
}

function table(c: Comparison): string[] {
  const n = Math.max(0, ...c.rows.map((r) => Math.max(0, ...Object.values(r.samples).map((s) => s.length))));
  const lines = mdTable(
    ['Tool', 'What', ...c.metrics.map((m) => m.label)],
    c.rows.map((row) => [row.tool, row.variant ?? '', ...c.metrics.map((m) => cell(row, m))]),
    (i) => i >= 2,
  );
  const notes = c.rows
    .filter((r) => r.error || r.note)
    .map((r) => `- ${rowLabel(r)}: ${r.error ? `**could not run: ${mdEscape(r.error)}**` : ''}${r.error && r.note ? '; ' : ''}${r.note ?? ''}`);
  return [`Median of ${n} run${n === 1 ? '' : 's'}, (min–max) after it.`, '', ...lines, ...(notes.length > 0 ? ['', ...notes] : [])];
}

function ratioTable(ratios: readonly RatioResult[]): string[] {
  const met = (r: RatioResult): string => (r.max === undefined ? '' : r.met === undefined ? 'not measured' : r.met ? 'met' : '**not met**');
  return mdTable(
    ['Ratio (tokenkit / peer)', 'Value', 'Target', 'Met'],
    ratios.map((r) => [r.label, formatRatio(r.value), r.max === undefined ? '' : `≤ ${r.max}`, met(r)]),
    (i) => i === 1 || i === 2,
  );
}

function minutes(seconds: number): string {
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** The Markdown report. */
export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const targets = results.ratios.filter((r) => r.max !== undefined);
  const out: string[] = [
    '# tokenkit benchmark results',
    '',
    `Produced by \`${results.command}\` on ${results.startedAt.slice(0, 10)}, in ${minutes(results.durationS)}. Every figure below comes from this one run; ` +
      'tools were interleaved round-robin (the order rotated each round) and each cell is the median of its runs. How to read each figure: [README.md](README.md). Raw samples: [results.json](results.json).',
    '',
    '## Machine',
    '',
    ...mdTable(
      ['', ''],
      [
        ['CPU', `${m.cpuModel}${m.virtualised ? ' (virtual machine)' : ''}`],
        ['Cores', String(m.cores)],
        ['Memory', `${m.memoryGiB} GiB`],
        ['OS', m.os],
        ['Node.js', `${m.node} (V8 ${m.v8})`],
        ['GitHub spec', m.githubSpec],
        ...Object.entries(m.tools),
      ],
    ),
    '',
    '## Settings',
    '',
    '```json',
    JSON.stringify(results.config),
    '```',
    '',
    '## Targets',
    '',
    ...(targets.length > 0 ? ratioTable(targets) : ['No section with a target was run.']),
    '',
    `Met: ${targets.filter((t) => t.met).length} of ${targets.length}.`,
    '',
    '## Ratios',
    '',
    ...ratioTable(results.ratios.filter((r) => r.max === undefined)),
    '',
  ];
  for (const c of results.comparisons) {
    out.push(`## ${c.title}`, '', c.what, '', '```sh', ...c.commands, '```', '', ...table(c), '');
    const rs = results.ratios.filter((r) => r.comparison === c.id);
    if (rs.length > 0) out.push(...ratioTable(rs), '');
  }
  if (results.setup.length > 0) {
    const rows = results.setup.map((s) => [s.step, `${s.seconds.toFixed(1)} s`, s.error ?? '']);
    out.push('## Setup and problems (setup runs once and is not measured)', '', ...mdTable(['Step', 'Time', 'Problem'], rows, (i) => i === 1), '');
  }
  out.push('## Re-running', '', '```sh', 'npm ci && npm run bench', '```', '', 'Options: `npm run bench -- --help`.', '');
  return out.join('\n');
}

/** The project's prettier checks every JSON file, so results.json is written the way it formats. */
async function formatJson(text: string): Promise<string> {
  return prettier.format(text, { ...(await prettier.resolveConfig(path.join(ROOT, 'package.json'))), parser: 'json' });
}

/** Writes the two files; returns their paths. */
export async function writeReport(results: BenchResults): Promise<string[]> {
  const md = path.join(BENCH_DIR, 'RESULTS.md');
  const json = path.join(BENCH_DIR, 'results.json');
  await writeFile(
    json,
    await formatJson(
      `${JSON.stringify(results, (_k, v: unknown) => (typeof v !== 'number' || Number.isInteger(v) ? v : Number.isFinite(v) ? Number(v.toPrecision(6)) : null), 2)}\n`,
    ),
  );
  await writeFile(md, renderMarkdown(results));
  return [md, json];
}
