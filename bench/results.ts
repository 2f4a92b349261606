/**
 * The shape of bench/results.json: every comparison as a table of tools by metrics, with the raw
 * samples of each cell, plus the machine, the tool versions and the settings of the run.
 */
import { max, median, min, quantileSorted } from 'simple-statistics';
import type { Machine } from './machine.js';
import type { BenchConfig } from './config.js';

/** What a list of samples reduces to in the tables. */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** First quartile. */
  q1: number;
  /** Third quartile. */
  q3: number;
}

/** One column of a comparison. */
export interface Metric {
  key: string;
  label: string;
  unit: string;
  /** Digits after the decimal point in the tables. */
  digits: number;
}

/** One tool's row: its samples per metric, or why it has none. */
export interface Row {
  tool: string;
  /** What this row ran, for the tables (e.g. "types only"). */
  variant?: string;
  samples: Record<string, number[]>;
  summaries: Record<string, Summary>;
  /** Set when the tool failed or could not run; the samples hold whatever rounds did succeed. */
  error?: string;
  note?: string;
}

/** One table of RESULTS.md. */
export interface Comparison {
  id: string;
  title: string;
  /** What was measured and how, one paragraph. */
  what: string;
  /** The command lines, with placeholders for temporary paths. */
  commands: string[];
  metrics: Metric[];
  rows: Row[];
}

/** A ratio of medians, tokenkit over a peer, from one comparison and metric. */
export interface RatioSpec {
  id: string;
  label: string;
  comparison: string;
  metric: string;
  numerator: string;
  denominator: string;
  /** The target, when there is one: met when the ratio is at most this. */
  max?: number;
  target?: string;
}

/** A computed ratio. */
export interface RatioResult extends RatioSpec {
  value: number;
  met?: boolean;
}

/** Everything one `npm run bench` produced. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  durationS: number;
  command: string;
  config: BenchConfig;
  machine: Machine;
  /** Steps done once before measuring (building the packages the consumers import), with their times. */
  setup: { step: string; seconds: number; error?: string }[];
  comparisons: Comparison[];
  ratios: RatioResult[];
}

/** Starts a row with empty sample lists for each metric. */
export function newRow(tool: string, metrics: readonly Metric[], variant?: string): Row {
  const samples: Record<string, number[]> = {};
  for (const m of metrics) samples[m.key] = [];
  return { tool, variant, samples, summaries: {} };
}

/** Adds one sample of each metric given. */
export function addSample(row: Row, values: Record<string, number>): void {
  for (const [key, value] of Object.entries(values)) (row.samples[key] ??= []).push(value);
}

/** Summarises samples; an empty list gives NaN everywhere and n = 0. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, median: Number.NaN, min: Number.NaN, max: Number.NaN, q1: Number.NaN, q3: Number.NaN };
  const sorted = [...samples].sort((x, y) => x - y);
  return { n: sorted.length, median: median(sorted), min: min(sorted), max: max(sorted), q1: quantileSorted(sorted, 0.25), q3: quantileSorted(sorted, 0.75) };
}

/** Fills each row's summaries from its samples. */
export function summariseAll(comparisons: readonly Comparison[]): void {
  for (const c of comparisons) for (const row of c.rows) for (const [key, samples] of Object.entries(row.samples)) row.summaries[key] = summarize(samples);
}

/** Records a failure on the row, keeping the first message. */
export function fail(row: Row, message: string): void {
  row.error ??= message;
}
