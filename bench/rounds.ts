/**
 * Round-robin measurement of child processes: each round runs every task once, in an order rotated
 * by the round, so drift on the machine (caches, thermal, neighbours) falls on every tool alike.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { addSample, fail, type Row } from './results.js';
import { describeFailure, measure, ok, type MeasuredRun } from './proc.js';
import { rotate } from './stats.js';

/** One command to measure each round. */
export interface ProcessTask {
  row: Row;
  /** A short name for progress lines. */
  name: string;
  /** Builds the command for a round; may create directories. */
  prepare: (round: number) => Promise<{ command: string; args: string[]; cwd: string; output: string; env?: NodeJS.ProcessEnv }>;
  /** Checks a finished run's output; returns a problem, or undefined when it is as expected. */
  verify?: (output: string, run: MeasuredRun) => Promise<string | undefined>;
  /** Extra samples drawn from a successful run (e.g. tsc's own diagnostics). */
  extract?: (run: MeasuredRun) => Record<string, number> | string;
  /** Called with the output of the last successful measured run instead of deleting it. */
  keepLast?: (output: string) => Promise<void>;
  /** Record wall time and peak RSS (default true). */
  timeAndMemory?: boolean;
}

export interface RoundOptions {
  rounds: number;
  warmup: number;
  timeoutMs: number;
  log: (line: string) => void;
}

/** Runs the tasks round-robin, adding samples to their rows; a task that fails is not run again. */
export async function runRounds(tasks: readonly ProcessTask[], options: RoundOptions): Promise<void> {
  const total = options.warmup + options.rounds;
  for (let round = 0; round < total; round++) {
    const measured = round >= options.warmup;
    const last = round === total - 1;
    for (const task of rotate(tasks, round)) {
      if (task.row.error) continue;
      let prepared: Awaited<ReturnType<ProcessTask['prepare']>>;
      try {
        prepared = await task.prepare(round);
      } catch (err) {
        fail(task.row, `could not start: ${err instanceof Error ? err.message : String(err)}`);
        options.log(`  ${task.name}: FAILED ${task.row.error}`);
        continue;
      }
      const { command, args, cwd, output, env } = prepared;
      const result = await measure(command, args, { cwd, env, timeoutMs: options.timeoutMs });
      let problem = ok(result) ? undefined : describeFailure(result);
      if (!problem && task.verify) problem = await task.verify(output, result);
      let extra: Record<string, number> = {};
      if (!problem && task.extract) {
        const got = task.extract(result);
        if (typeof got === 'string') problem = got;
        else extra = got;
      }
      const label = `${measured ? `round ${round - options.warmup + 1}/${options.rounds}` : 'warm-up'}  ${task.name}`;
      if (problem) {
        fail(task.row, measured ? problem : `(warm-up) ${problem}`);
        options.log(`  ${label}: FAILED ${problem}`);
      } else {
        if (measured) {
          const base: Record<string, number> = task.timeAndMemory === false ? {} : { wallS: result.wallMs / 1000, rssMB: result.maxRssKb / 1024 };
          addSample(task.row, { ...base, ...extra });
        }
        options.log(`  ${label}: ${(result.wallMs / 1000).toFixed(2)} s, ${Math.round(result.maxRssKb / 1024)} MB`);
      }
      if (last && !problem && task.keepLast) await task.keepLast(output);
      else if (output !== '') await rm(output, { recursive: true, force: true });
    }
  }
}

/** Files and bytes under a path (a file or a directory). */
export async function sizeOf(target: string): Promise<{ files: number; bytes: number }> {
  const s = await stat(target);
  if (!s.isDirectory()) return { files: 1, bytes: s.size };
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(target, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
