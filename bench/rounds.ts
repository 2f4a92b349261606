/**
 * Round-robin measurement of child processes: each round runs every task once, in an order rotated
 * by the round, so drift on the machine (caches, thermal, neighbours) falls on every tool alike.
 */
import { rm } from 'node:fs/promises';
import { addSample, fail, type Row } from './results.js';
import { describeFailure, measure, ok, type MeasuredRun } from './proc.js';

/** One command to measure each round. */
export interface ProcessTask {
  row: Row;
  /** A short name for progress lines. */
  name: string;
  /** Builds the command for a round; may create directories. `output` is deleted after the run unless kept. */
  prepare: (round: number) => Promise<{ command: string; args: string[]; cwd: string; output?: string; env?: NodeJS.ProcessEnv }>;
  /** Checks a finished run's output; returns a problem, or undefined when it is as expected. */
  verify?: (output: string) => string | undefined;
  /**
   * The samples a successful run gives (e.g. tsc's own diagnostics), or a problem. Without it a run
   * gives its wall time and peak RSS.
   */
  extract?: (run: MeasuredRun) => Record<string, number> | string;
  /** Called with the output of the last successful measured run instead of deleting it. */
  keepLast?: (output: string) => Promise<void>;
}

export interface RoundOptions {
  rounds: number;
  warmup: number;
  timeoutMs: number;
  log: (line: string) => void;
}

/** The order of a round: the list rotated by the round's index, so no tool always goes first. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const k = items.length === 0 ? 0 : round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

const timeAndMemory = (run: MeasuredRun): Record<string, number> => ({ wallS: run.wallMs / 1000, rssMB: run.maxRssKb / 1024 });

/** Runs the tasks round-robin, adding samples to their rows; a task that fails is not run again. */
export async function runRounds(tasks: readonly ProcessTask[], options: RoundOptions): Promise<void> {
  const total = options.warmup + options.rounds;
  for (let round = 0; round < total; round++) {
    const measured = round >= options.warmup;
    const label = measured ? `round ${round - options.warmup + 1}/${options.rounds}` : 'warm-up';
    for (const task of rotate(tasks, round)) {
      if (task.row.error) continue;
      let problem: string | undefined;
      let output = '';
      try {
        const prepared = await task.prepare(round);
        output = prepared.output ?? '';
        const result = await measure(prepared.command, prepared.args, { ...prepared, timeoutMs: options.timeoutMs });
        problem = ok(result) ? task.verify?.(output) : describeFailure(result);
        const samples = problem ? undefined : (task.extract ?? timeAndMemory)(result);
        if (typeof samples === 'string') problem = samples;
        else if (samples) {
          if (measured) addSample(task.row, samples);
          const shown = Object.entries(samples).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(2)}`);
          options.log(`  ${label}  ${task.name}: ${shown.join(', ')}`);
        }
      } catch (err) {
        problem = `could not start: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (problem) {
        fail(task.row, measured ? problem : `(warm-up) ${problem}`);
        options.log(`  ${label}  ${task.name}: FAILED ${problem}`);
      }
      if (round === total - 1 && !problem && task.keepLast) await task.keepLast(output);
      else if (output !== '') await rm(output, { recursive: true, force: true });
    }
  }
}
